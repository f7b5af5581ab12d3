/**
 * A real BIND 9 (`named`, Debian's bind9) on loopback, as a secondary of the hidden primary — for
 * bench/dns.ts --secondary bind (not a project dependency: `apt-get install bind9` to use it).
 *
 * Runs `named -f` (foreground) rather than `-g`: `-g` sends all logging to stderr and ignores the
 * `logging` statement, and the file channel below is what shows each transfer with its time.
 * `-d 1` with a channel at `debug 3` for xfer-in only: its log then says whether each transfer was
 * incremental ("requesting IXFR", "got incremental response" / "got nonincremental response"), a
 * few lines a transfer; the other categories stay at info.
 * Run as root it stays root (no `-u`); the tmp dir holds its zone files, journals, pid and session key.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TsigKey } from '../../../src/dns/tsig.js';
import { supervise, type Daemon } from './daemon.js';
import { freePort } from './knot.js';

export const namedPath: string | null =
  spawnSync('sh', ['-c', 'command -v named || ls /usr/sbin/named 2>/dev/null'], { encoding: 'utf8' }).stdout.trim().split('\n')[0] || null;

const checkconfPath: string =
  spawnSync('sh', ['-c', 'command -v named-checkconf || ls /usr/bin/named-checkconf /usr/sbin/named-checkconf 2>/dev/null'], { encoding: 'utf8' }).stdout.trim().split('\n')[0] || 'named-checkconf';

/** named on `port`: its pid, its log so far, stop (`daemon.ts`). */
export interface BindSecondary extends Daemon {
  port: number;
}

/**
 * BIND as a secondary of the primary on 127.0.0.1:`primaryPort` for `zones`; it serves AXFR to 127.0.0.1 (benchmarks).
 * `serialQueryRate`: BIND's `serial-query-rate` (default 20 a second). Its refresh queue lets one
 * refresh through at once, then the rest once a tick of 10/rate seconds (500 ms at 20): a NOTIFY
 * within that tick of the previous one waits for the next tick before BIND asks for the IXFR.
 */
export async function startBindSecondary(o: { primaryPort: number; zones: string[]; key: TsigKey; port?: number; serialQueryRate?: number }): Promise<BindSecondary> {
  if (namedPath === null) throw new Error('named (Debian bind9) is not installed');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zm-bind-'));
  const port = o.port ?? (await freePort());
  const logFile = path.join(dir, 'named.log');
  const confFile = path.join(dir, 'named.conf');
  const conf = `options {
    directory "${dir}";
    pid-file "${path.join(dir, 'named.pid')}";
    session-keyfile "${path.join(dir, 'session.key')}";
    managed-keys-directory "${dir}";
    listen-on port ${port} { 127.0.0.1; };
    listen-on-v6 { none; };
    recursion no;
    dnssec-validation no;
    notify no;
    allow-transfer { 127.0.0.1; };
${o.serialQueryRate === undefined ? '' : `    serial-query-rate ${o.serialQueryRate};\n`}};

controls { };

key "${o.key.name}" {
    algorithm hmac-sha256;
    secret "${o.key.secret.toString('base64')}";
};

logging {
    channel file_log {
        file "${logFile}";
        print-time yes;
        print-category yes;
        print-severity yes;
        severity info;
    };
    channel xfer_log {
        file "${logFile}";
        print-time yes;
        print-category yes;
        print-severity yes;
        severity debug 3;
    };
    category default { file_log; };
    category xfer-in { xfer_log; };
    category notify { file_log; };
};

${o.zones
  .map(
    (z) => `zone "${z}" {
    type secondary;
    primaries { 127.0.0.1 port ${o.primaryPort} key "${o.key.name}"; };
    allow-notify { 127.0.0.1; };
    file "${z}.db";
};
`,
  )
  .join('\n')}`;
  writeFileSync(confFile, conf);
  const check = spawnSync(checkconfPath, [confFile], { encoding: 'utf8' });
  if (check.error !== undefined || check.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`named.conf rejected: ${check.stdout ?? ''}${check.stderr ?? ''}${check.error?.message ?? ''}`);
  }
  const child: ChildProcess = spawn(namedPath, ['-f', '-d', '1', '-c', confFile], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] }); // in dir: with -d, its start-up lines go to ./named.run
  return { port, ...supervise(child, dir, logFile) };
}
