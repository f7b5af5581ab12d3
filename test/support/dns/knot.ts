/** A real Knot DNS (`knotd`) on loopback, as a secondary of the hidden primary, for medium tests. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TsigKey } from '../../../src/dns/tsig.js';
import { supervise, type Daemon } from './daemon.js';

export const knotdPath: string | null =
  spawnSync('sh', ['-c', 'command -v knotd || ls /usr/sbin/knotd 2>/dev/null'], { encoding: 'utf8' }).stdout.trim().split('\n')[0] || null;

/** A TCP port free right now on 127.0.0.1 (Knot binds UDP and TCP on it). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

/** knotd on `port`: its pid, its log so far, stop (`daemon.ts`). */
export interface KnotSecondary extends Daemon {
  port: number;
}

/**
 * `allowTransfer`: Knot itself serves transfers to 127.0.0.1 with the key (benchmarks).
 * `logLevel` (or KNOT_LOG_LEVEL): `debug` to see each step of a refresh in Knot's log.
 */
export async function startKnotSecondary(o: {
  primaryPort: number;
  zones: string[];
  key: TsigKey;
  port?: number;
  allowTransfer?: boolean;
  logLevel?: 'info' | 'debug';
  /** Another knotd than Debian's (bench/dns.ts --knotd: another release side by side); its knotc beside it. */
  knotd?: string;
}): Promise<KnotSecondary> {
  const knotd = o.knotd ?? knotdPath;
  if (knotd === null) throw new Error('knotd (Debian knot) is not installed');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zm-knot-'));
  const port = o.port ?? (await freePort());
  const logFile = path.join(dir, 'knot.log');
  const level = o.logLevel ?? (process.env['KNOT_LOG_LEVEL'] === 'debug' ? 'debug' : 'info');
  const conf = `server:
    rundir: "${dir}"
    listen: 127.0.0.1@${port}
    background-workers: 1
    udp-workers: 1
    tcp-workers: 1

log:
  - target: "${logFile}"
    any: ${level}

database:
    storage: "${dir}"

key:
  - id: ${o.key.name}
    algorithm: hmac-sha256
    secret: ${o.key.secret.toString('base64')}

remote:
  - id: primary
    address: 127.0.0.1@${o.primaryPort}
    key: ${o.key.name}

acl:
  - id: notify_from_primary
    address: 127.0.0.1
    key: ${o.key.name}
    action: notify
  - id: transfer_out
    address: 127.0.0.1
    key: ${o.key.name}
    action: transfer

template:
  - id: default
    storage: "${dir}"
    zonefile-sync: -1
    zonefile-load: none
    journal-content: changes

zone:
${o.zones.map((z) => `  - domain: ${z}\n    master: primary\n    acl: ${o.allowTransfer === true ? '[notify_from_primary, transfer_out]' : 'notify_from_primary'}\n`).join('')}`;
  writeFileSync(path.join(dir, 'knot.conf'), conf);
  const check = spawnSync(knotd.replace(/knotd$/, 'knotc'), ['-c', path.join(dir, 'knot.conf'), 'conf-check'], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`knot.conf rejected: ${check.stdout}${check.stderr}`);
  const child: ChildProcess = spawn(knotd, ['-c', path.join(dir, 'knot.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
  return { port, ...supervise(child, dir, logFile) };
}
