import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import { defaultSecurityPolicy, type SecurityPolicy } from '../../src/config.js';
import type { Db } from '../../src/db/client.js';
import { buildServer } from '../../src/http/server.js';
import { ManualClock } from './clock.js';
import { cloneTestDatabase } from './db.js';
import { freshDemoCode } from './second-factor.js';

export interface TestApp {
  app: AppContext;
  db: Db;
  clock: ManualClock;
  server: FastifyInstance;
  kind: 'pglite' | 'postgres';
  /** PostgreSQL only: the URL of this file's database, for other processes. */
  databaseUrl: string | null;
  client(): ApiClient;
}

const silent = { info: () => undefined, warn: () => undefined };

/** One database clone and one server per test file, built in beforeAll and torn down after. */
export function useTestApp(policy: Partial<SecurityPolicy> = {}, options: { logStream?: { write(line: string): void } } = {}): TestApp {
  const t = {} as TestApp;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const { database, url, drop: d } = await cloneTestDatabase();
    drop = d;
    const clock = new ManualClock();
    const app: AppContext = { db: database.db, clock, policy: { ...defaultSecurityPolicy, ...policy }, log: silent };
    const server = await buildServer({ app, databaseKind: database.kind, supportHotline: '8588686', cookieSecure: 'false', ...(options.logStream === undefined ? { logLevel: 'silent' } : { logLevel: 'info', logStream: options.logStream }) });
    await server.ready();
    Object.assign(t, {
      app,
      db: database.db,
      clock,
      server,
      kind: database.kind,
      databaseUrl: url,
      client: () => new ApiClient(server, (username) => freshDemoCode(database.db, clock, username)),
    });
  });
  afterAll(async () => {
    await t.server?.close();
    await drop?.();
  });
  return t;
}

export interface ApiResponse {
  status: number;
  body: any;
  headers: Record<string, string | string[] | number | undefined>;
}

/** A browser-like client over `inject`: keeps the session cookie and sends the CSRF header. */
export class ApiClient {
  cookie: string | undefined;
  csrf: string | undefined;
  /** `authenticator`: the code the user's authenticator app shows now (test support reads the
   * secret from the database), typed by `login` when the session asks for one. */
  constructor(
    private readonly server: FastifyInstance,
    private readonly authenticator?: (username: string) => Promise<string>,
  ) {}

  async request(method: InjectOptions['method'], url: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie !== undefined) h['cookie'] = `zm_session=${this.cookie}`;
    if (this.csrf !== undefined && method !== 'GET' && h['x-csrf-token'] === undefined) h['x-csrf-token'] = this.csrf;
    const res = await this.server.inject({
      method,
      url,
      headers: h,
      ...(body === undefined ? {} : typeof body === 'string' ? { payload: body } : { payload: JSON.stringify(body), headers: { ...h, 'content-type': 'application/json' } }),
    });
    const setCookie = res.cookies.find((c) => c.name === 'zm_session');
    if (setCookie !== undefined) this.cookie = setCookie.value === '' ? undefined : setCookie.value;
    let parsed: unknown = null;
    if (res.body !== '') {
      try {
        parsed = JSON.parse(res.body);
      } catch {
        parsed = res.body;
      }
    }
    return { status: res.statusCode, body: parsed, headers: res.headers };
  }

  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown) => this.request('POST', url, body ?? {});
  patch = (url: string, body?: unknown) => this.request('PATCH', url, body ?? {});

  /**
   * Logs in; when the account has a second factor, also types its current code (as the person
   * would), and answers that step's response. `{ secondFactor: false }` stops after the password.
   */
  async login(username: string, password: string, opts: { secondFactor?: boolean } = {}): Promise<ApiResponse> {
    const res = await this.post('/api/session/login', { username, password });
    if (res.status === 200) this.csrf = res.body.csrfToken;
    if (res.status !== 200 || res.body.restriction !== 'second_factor' || opts.secondFactor === false || this.authenticator === undefined) return res;
    const verified = await this.post('/api/session/second-factor', { code: await this.authenticator(username) });
    // The login's headers (its cookie) with the completed session's view.
    return verified.status === 200 ? { ...verified, headers: res.headers } : verified;
  }
}
