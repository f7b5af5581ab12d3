/** `zhengming` commands as real child processes, for the medium tests that run several or kill one. */
import { spawn, type ChildProcess } from 'node:child_process';

export interface CliProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** The last 20 000 characters the process wrote (stdout and stderr), for failure messages. */
  output(): string;
  /** Resolves with the exit code (null when a signal ended it) once the process is gone. */
  readonly exited: Promise<number | null>;
  /** Sends `signal` (SIGKILL by default) unless it is gone already, and waits until it is (a
   * graceful signal is followed by SIGKILL after 30 s). */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Spawns `node --import tsx src/cli.ts <args>` with the test's environment plus `env` (so the
 * child has the test personal-data keys, PERSONAL_DATA_KEYS, of `personal-data.ts`). The caller
 * keeps the handle and stops it in afterAll (`stopAll`), whatever happened.
 */
export function spawnCli(name: string, args: string[], env: Record<string, string>): CliProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (b: Buffer) => {
    out = (out + b.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let gone = false;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      gone = true;
      resolve(code);
    }),
  );
  return {
    name,
    child,
    output: () => out,
    exited,
    stop: async (signal = 'SIGKILL') => {
      if (!gone && child.exitCode === null && child.signalCode === null) child.kill(signal);
      if (signal === 'SIGKILL') {
        await exited;
        return;
      }
      // A graceful stop that hangs must not hang the test: SIGKILL after 30 s.
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Stops every process still running (SIGKILL): for afterAll. */
export async function stopAll(processes: Iterable<CliProcess>): Promise<void> {
  await Promise.all([...processes].map((p) => p.stop('SIGKILL')));
}

/** Polls `check` until it holds; throws after `ms` with `what` in the message. */
export async function until(what: string, check: () => Promise<boolean> | boolean, ms = 30_000, everyMs = 50): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Waits until `url` answers 200, failing early (with the process's output) if it exits. */
export async function waitForHttp(p: CliProcess, url: string, ms = 90_000): Promise<void> {
  let exited = false;
  void p.exited.then(() => {
    exited = true;
  });
  await until(
    `${p.name} at ${url}`,
    async () => {
      if (exited) throw new Error(`${p.name} exited before serving ${url}:\n${p.output()}`);
      return fetch(url).then(
        (r) => r.status === 200,
        () => false,
      );
    },
    ms,
    100,
  );
}

export interface HttpResponse {
  status: number;
  /** Parsed JSON, or the text when the body is not JSON. */
  body: any;
}

/**
 * A browser-like client of real API processes: keeps the session cookie and CSRF token, and
 * sends each request to whichever process `base` names (so one session can move between them).
 */
export class HttpSession {
  cookie: string | undefined;
  csrf: string | undefined;

  async request(base: string, method: string, path: string, body?: unknown): Promise<HttpResponse> {
    const headers: Record<string, string> = {};
    if (this.cookie !== undefined) headers['cookie'] = `zm_session=${this.cookie}`;
    if (this.csrf !== undefined && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${base}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    for (const c of res.headers.getSetCookie()) {
      const m = /^zm_session=([^;]*)/.exec(c);
      if (m !== null) this.cookie = m[1] === '' ? undefined : m[1];
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed };
  }

  get = (base: string, path: string) => this.request(base, 'GET', path);
  post = (base: string, path: string, body: unknown = {}) => this.request(base, 'POST', path, body);
  put = (base: string, path: string, body: unknown = {}) => this.request(base, 'PUT', path, body);

  /** Password, then (when asked) the code `code()` gives — both on `base`. */
  async login(base: string, username: string, password: string, code?: () => Promise<string>): Promise<HttpResponse> {
    const res = await this.post(base, '/api/session/login', { username, password });
    if (res.status !== 200) return res;
    this.csrf = res.body.csrfToken;
    if (res.body.restriction !== 'second_factor' || code === undefined) return res;
    return this.post(base, '/api/session/second-factor', { code: await code() });
  }
}
