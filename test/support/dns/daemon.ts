/** A DNS server process (knotd, named) started by a test or a benchmark in its own temporary directory. */
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

export interface Daemon {
  /** Its process id (to profile it). */
  pid: number | undefined;
  /** Its log file so far, then what it wrote to stdout/stderr. */
  log(): string;
  /** SIGTERM, SIGKILL after 3 s if still running; its directory removed. */
  stop(): Promise<void>;
}

export function supervise(child: ChildProcess, dir: string, logFile: string): Daemon {
  let output = '';
  child.stdout?.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (output += b.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    pid: child.pid,
    log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '') + output,
    stop: async () => {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
