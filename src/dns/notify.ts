/**
 * NOTIFY (RFC 1996) to the secondaries after each new serial: one UDP message per secondary and
 * zone, signed with TSIG when a key is configured, repeated with backoff until the secondary
 * answers (at most `attempts` times). A newer serial for the same zone and target replaces a
 * NOTIFY still being retried.
 */
import dgram from 'node:dgram';
import net from 'node:net';
import { decode, encode } from 'dns-packet';
import type { ZoneSoa } from '../domain/dns/zone.js';
import type { DnsLog } from './server.js';
import { signRequest, verifyResponse, type TsigKey } from './tsig.js';
import { Flag, Opcode } from './wire.js';

export interface NotifyTarget {
  host: string;
  port: number;
}

export interface NotifierOptions {
  targets: readonly NotifyTarget[];
  key?: TsigKey;
  log: DnsLog;
  /** First wait for an answer; doubled after each try. 1 s by default. */
  timeoutMs?: number;
  attempts?: number;
}

export interface Notifier {
  /** Tells every target that `apex` is now at `soa.serial`; resolves when all answered or gave up. */
  notify(apex: string, soa: ZoneSoa, ttl: number): Promise<void>;
  close(): void;
}

/** Parses "host", "host:port", "[v6]:port" entries (the DNS_NOTIFY setting); port 53 by default. */
export function parseNotifyTargets(list: readonly string[]): NotifyTarget[] {
  return list.map((entry) => {
    const v6 = /^\[([0-9a-fA-F:.]+)\](?::(\d{1,5}))?$/.exec(entry);
    const v4 = /^([^:\[\]]+)(?::(\d{1,5}))?$/.exec(entry);
    const host = v6?.[1] ?? v4?.[1];
    const port = Number(v6?.[2] ?? v4?.[2] ?? 53);
    if (host === undefined || net.isIP(host) === 0 || !Number.isInteger(port) || port < 1 || port > 65535) {
      throw new Error(`DNS_NOTIFY: "${entry}" is not an IP address with an optional port (192.0.2.1:53, [2001:db8::1]:53)`);
    }
    return { host, port };
  });
}

export function createNotifier(o: NotifierOptions): Notifier {
  const sockets = { udp4: dgram.createSocket('udp4'), udp6: dgram.createSocket('udp6') };
  const waiting = new Map<number, (msg: Buffer) => void>();
  for (const s of Object.values(sockets)) {
    s.on('message', (msg) => {
      if (msg.length < 12) return;
      waiting.get(msg.readUInt16BE(0))?.(msg);
    });
    s.on('error', (e) => o.log.warn({ err: String(e) }, 'NOTIFY socket error'));
    s.unref();
  }
  /** The newest serial being announced per target and zone. */
  const latest = new Map<string, number>();
  let closed = false;

  async function one(target: NotifyTarget, apex: string, soa: ZoneSoa, ttl: number): Promise<void> {
    const slot = `${target.host}:${target.port}/${apex}`;
    latest.set(slot, soa.serial);
    let timeout = o.timeoutMs ?? 1000;
    for (let attempt = 1; attempt <= (o.attempts ?? 5) && !closed; attempt++) {
      if (latest.get(slot) !== soa.serial) return; // superseded
      let id = Math.floor(Math.random() * 0xffff);
      while (waiting.has(id)) id = (id + 1) & 0xffff;
      const plain = encode({
        id,
        type: 'query',
        flags: (Opcode.NOTIFY << 11) | Flag.AA,
        questions: [{ name: apex, type: 'SOA', class: 'IN' }],
        answers: [{ name: apex, type: 'SOA', class: 'IN', ttl, data: { ...soa, rname: soa.rname.replace('@', '.') } }],
      });
      const key = o.key;
      const signed = key === undefined ? null : { key, ...signRequest(plain, key, Date.now() / 1000) };
      const answered = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          resolve(false);
        }, timeout);
        waiting.set(id, (msg) => {
          let ok = false;
          try {
            const d = decode(msg);
            ok = d.flag_qr === true && ((d.flags ?? 0) & 0xf) === 0 && (signed === null || verifyResponse(msg, signed.key, signed.mac));
          } catch {
            ok = false;
          }
          if (!ok) o.log.warn({ target: slot }, 'NOTIFY answered with an error or a bad signature');
          clearTimeout(timer);
          waiting.delete(id);
          resolve(ok);
        });
        const socket = net.isIPv6(target.host) ? sockets.udp6 : sockets.udp4;
        socket.send(signed?.message ?? plain, target.port, target.host, (err) => {
          if (err !== null) o.log.warn({ target: slot, err: String(err) }, 'NOTIFY not sent');
        });
      });
      if (answered) {
        o.log.info({ target: slot, serial: soa.serial, attempt }, 'NOTIFY acknowledged');
        return;
      }
      timeout *= 2;
    }
    if (latest.get(slot) === soa.serial) o.log.warn({ target: slot, serial: soa.serial }, 'NOTIFY not acknowledged; the secondary will find the serial at its next refresh');
  }

  return {
    notify: async (apex, soa, ttl) => {
      await Promise.all(o.targets.map((t) => one(t, apex, soa, ttl)));
    },
    close: () => {
      closed = true;
      for (const s of Object.values(sockets)) s.close();
    },
  };
}
