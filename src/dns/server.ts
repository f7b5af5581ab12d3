/**
 * The hidden primary's listeners: UDP and TCP on one port, the same `answer` behind both.
 * TCP uses 2-byte length framing, takes several queries per connection and closes idle ones;
 * zone transfers (AXFR, IXFR) are TCP-only and only for `transferAllow` addresses. Nothing a
 * client sends may crash it: undecodable packets get FORMERR when the header is readable,
 * silence otherwise, and responses (QR set) are never answered.
 */
import dgram from 'node:dgram';
import net from 'node:net';
import { decode, type DecodedPacket } from 'dns-packet';
import { answer, findZone, type Zones } from './answer.js';
import type { ZoneStore } from './zone-store.js';
import { fastAnswer } from './fast-answer.js';
import { axfrMessages, ixfrKind, ixfrMessages, refusal, transferAllowed } from './transfer.js';
import { ResponseSigner, TsigError, appendUnsignedTsigError, tsigSize, verifyRequest, type TsigCheck, type TsigKey } from './tsig.js';
import { Opcode, Rcode, encodeWithin, headerOnlyResponse, opcodeOf, type Outgoing } from './wire.js';

export interface DnsLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface DnsServerOptions {
  host: string;
  /** 0 picks a free port, the same for UDP and TCP. */
  port: number;
  /** The zones to serve, asked at every query (a reload swaps the map). */
  zones: () => Zones;
  log: DnsLog;
  /** Addresses allowed to AXFR/IXFR; none by default. */
  transferAllow?: readonly string[];
  /**
   * TSIG keys (HMAC-SHA256). Signed requests are verified and answered signed; when any key is
   * configured, a transfer also needs a valid signature besides an allowed address.
   */
  tsigKeys?: readonly TsigKey[];
  /** A TCP connection with no traffic for this long is closed; 10 s by default. */
  tcpIdleMs?: number;
  /** Seconds since the epoch, for TSIG times (tests move it). */
  now?: () => number;
  /** Encoded answers kept for repeated queries (0 turns the cache off); 200,000 by default. */
  cacheEntries?: number;
}

export interface DnsServer {
  host: string;
  port: number;
  close(): Promise<void>;
}

const tcpMaxMessage = 65_535;

/** The 48-bit time for a BADTIME response's other data (RFC 8945 §5.2.3). */
function timeData(seconds: number): Buffer {
  const b = Buffer.alloc(6);
  b.writeUInt16BE(Math.floor(seconds / 2 ** 32), 0);
  b.writeUInt32BE(seconds % 2 ** 32, 2);
  return b;
}

export async function startDnsServer(o: DnsServerOptions): Promise<DnsServer> {
  const allow = o.transferAllow ?? [];
  const keys = o.tsigKeys ?? [];
  const now = o.now ?? (() => Math.floor(Date.now() / 1000));
  const sockets = new Set<net.Socket>();
  const cache = new AnswerCache(o.cacheEntries ?? 200_000);

  /** Signs each message when the request was signed. */
  function* signed(messages: Iterable<Outgoing>, signer: ResponseSigner | null): Generator<Outgoing> {
    for (const m of messages) yield signer === null ? m : Buffer.isBuffer(m) ? signer.sign(m) : signer.signParts(m);
  }

  /** Encoded responses to one message (several for a transfer), possibly none. */
  function handle(buf: Buffer, tcp: boolean, remote: string | undefined): Iterable<Outgoing> {
    const zones = o.zones();
    const key = cache.keyOf(buf, tcp, zones);
    const hit = key === null ? undefined : cache.get(key, buf);
    if (hit !== undefined) return [hit];
    const fast = key === null ? null : fastAnswer(buf, zones, tcp);
    if (fast !== null && key !== null) {
      cache.set(key, fast);
      return [fast];
    }
    let query: DecodedPacket;
    let check: TsigCheck;
    try {
      query = decode(buf);
      check = verifyRequest(buf, keys, now());
    } catch {
      const r = headerOnlyResponse(buf, Rcode.FORMERR);
      return r === null ? [] : [r];
    }
    if (query.flag_qr) return [];
    try {
      if (check.status === 'error') {
        o.log.warn({ remote, key: check.record.keyName, error: check.error }, 'TSIG verification failed');
        const base = refusal(query, Rcode.NOTAUTH);
        if (check.error === TsigError.BADTIME && check.key !== undefined) {
          return [new ResponseSigner(check.key, check.record.mac, now, TsigError.BADTIME, timeData(now())).sign(base)];
        }
        return [appendUnsignedTsigError(base, check.record, check.error)];
      }
      const signer = check.status === 'ok' ? new ResponseSigner(check.key, check.mac, now) : null;
      const q = query.questions?.length === 1 ? query.questions[0] : undefined;
      if (q !== undefined && opcodeOf(query.flags ?? 0) === Opcode.QUERY && (q.type === 'AXFR' || q.type === 'IXFR') && tcp) {
        const store = findZone(o.zones(), q.name);
        if (store === undefined || store.apex !== q.name.replace(/\.$/, '').toLowerCase()) return signed([refusal(query, Rcode.NOTAUTH)], signer);
        if (!transferAllowed(allow, remote) || (keys.length > 0 && signer === null)) {
          o.log.warn({ remote, zone: store.apex, type: q.type, signed: signer !== null }, 'zone transfer refused');
          return signed([refusal(query)], signer);
        }
        const kind = q.type === 'AXFR' ? 'axfr' : ixfrKind(query, store);
        o.log.info({ remote, zone: store.apex, type: q.type, kind, serial: store.serial, key: check.status === 'ok' ? check.key.name : undefined }, 'zone transfer');
        return signed(q.type === 'AXFR' ? axfrMessages(query, store) : ixfrMessages(query, store), signer);
      }
      const { response, udpLimit } = answer(query, zones);
      const room = check.status === 'ok' ? tsigSize(check.key) : 0;
      const encoded = encodeWithin(response, (tcp ? tcpMaxMessage : udpLimit) - room);
      if (signer === null && key !== null && opcodeOf(query.flags ?? 0) === Opcode.QUERY) cache.set(key, encoded);
      return signed([encoded], signer);
    } catch (e) {
      o.log.warn({ err: String(e), remote }, 'DNS query failed');
      const r = headerOnlyResponse(buf, Rcode.SERVFAIL);
      return r === null ? [] : [r];
    }
  }

  const tcp = net.createServer((socket) => {
    sockets.add(socket);
    socket.setTimeout(o.tcpIdleMs ?? 10_000, () => socket.destroy());
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
    let pending: Buffer = Buffer.alloc(0);
    let busy = false;

    /** Answers every complete message in `pending`, waiting for the socket to drain (transfers). */
    const pump = async () => {
      if (busy) return;
      busy = true;
      try {
        while (pending.length >= 2 && !socket.destroyed) {
          const len = pending.readUInt16BE(0);
          if (pending.length < 2 + len) break;
          const msg = Buffer.from(pending.subarray(2, 2 + len));
          pending = pending.subarray(2 + len);
          for (const out of handle(msg, true, socket.remoteAddress)) {
            if (socket.destroyed) return;
            // The length prefix and the message's parts go out together (one writev), not copied
            // into a frame: a zone transfer is 86 MB at 1,000,000 domains.
            const parts = Buffer.isBuffer(out) ? [out] : out;
            let size = 0;
            for (const p of parts) size += p.length;
            const length = Buffer.allocUnsafe(2);
            length.writeUInt16BE(size, 0);
            socket.cork();
            socket.write(length);
            let more = true;
            for (const p of parts) more = socket.write(p);
            socket.uncork();
            if (!more) await drained(socket);
          }
        }
      } finally {
        busy = false;
      }
    };
    socket.on('data', (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      if (pending.length > 2 * tcpMaxMessage + 2) {
        socket.destroy(); // a client that sends far ahead of what it reads
        return;
      }
      void pump();
    });
  });

  /** The common query: a cached answer or the fast path, with no generator, array or closure per packet. */
  function answerUdp(msg: Buffer): Buffer | null {
    const zones = o.zones();
    const key = cache.keyOf(msg, false, zones);
    if (key === null) return null;
    const hit = cache.get(key, msg);
    if (hit !== undefined) return hit;
    const fast = fastAnswer(msg, zones, false);
    if (fast !== null) cache.set(key, fast);
    return fast;
  }

  const makeUdp = () => {
    const family = net.isIPv6(o.host) ? 6 : 4;
    // Replies go to the address a query came from, always an IP literal: without this, every
    // send waits a tick in dns.lookup's IP-literal shortcut.
    const lookup = (address: string, _family: unknown, cb: (err: Error | null, address: string, family: number) => void) => cb(null, address, family);
    const udp = dgram.createSocket({ type: family === 6 ? 'udp6' : 'udp4', lookup: lookup as never });
    udp.on('message', (msg, rinfo) => {
      const out = answerUdp(msg);
      if (out !== null) {
        udp.send(out, rinfo.port, rinfo.address);
        return;
      }
      for (const r of handle(msg, false, rinfo.address)) udp.send(r, rinfo.port, rinfo.address);
    });
    return udp;
  };

  const { port, udp } = await listenBoth(tcp, makeUdp, o.host, o.port);
  udp.on('error', (e) => o.log.warn({ err: String(e) }, 'DNS UDP socket error'));
  o.log.info({ host: o.host, port, tsig: keys.map((k) => k.name) }, 'DNS primary listening (UDP and TCP)');
  return {
    host: o.host,
    port,
    close: async () => {
      for (const s of sockets) s.destroy();
      await Promise.all([new Promise<void>((r) => tcp.close(() => r())), new Promise<void>((r) => udp.close(() => r()))]);
    },
  };
}

/**
 * Encoded answers by query (the message without its id, and the transport), like a name
 * server's packet cache: a repeated query costs a copy and an id. Emptied whenever a zone's
 * serial moves (every change moves it), and when full.
 */
class AnswerCache {
  private readonly udp = new Map<string, Buffer>();
  private readonly tcp = new Map<string, Buffer>();
  /** The zones and serials the entries were made for. */
  private stores: ZoneStore[] = [];
  private serials: number[] = [];
  constructor(private readonly max: number) {}

  /** The cache key of a plain query small enough to cache, or null. */
  keyOf(buf: Buffer, tcp: boolean, zones: Zones): string | null {
    if (this.max === 0 || buf.length < 17 || buf.length > 512 || (buf.readUInt16BE(2) & 0x8000) !== 0) return null;
    if (!this.current(zones)) {
      this.udp.clear();
      this.tcp.clear();
      this.stores = [...zones.values()];
      this.serials = this.stores.map((z) => z.serial);
    }
    return (tcp ? 'T' : 'U') + buf.toString('latin1', 2);
  }

  private current(zones: Zones): boolean {
    if (zones.size !== this.stores.length) return false;
    let i = 0;
    for (const z of zones.values()) {
      if (this.stores[i] !== z || this.serials[i] !== z.serial) return false;
      i++;
    }
    return true;
  }

  get(key: string, query: Buffer): Buffer | undefined {
    const cached = (key.charCodeAt(0) === 0x55 ? this.udp : this.tcp).get(key);
    if (cached === undefined) return undefined;
    const out = Buffer.from(cached);
    out.writeUInt16BE(query.readUInt16BE(0), 0);
    return out;
  }

  set(key: string, response: Buffer): void {
    const entries = key.charCodeAt(0) === 0x55 ? this.udp : this.tcp;
    if (entries.size >= this.max) entries.clear();
    entries.set(key, Buffer.from(response));
  }
}

/** Until `socket` drains or closes (neither listener outlives the wait). */
function drained(socket: net.Socket): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.on('drain', done);
    socket.on('close', done);
  });
}

/** TCP first; then UDP on the same port. With port 0, retries when UDP finds that port taken. */
async function listenBoth(tcp: net.Server, makeUdp: () => dgram.Socket, host: string, port: number): Promise<{ port: number; udp: dgram.Socket }> {
  for (let attempt = 0; ; attempt++) {
    await new Promise<void>((resolve, reject) => {
      tcp.once('error', reject);
      tcp.listen(port, host, () => {
        tcp.off('error', reject);
        resolve();
      });
    });
    const address = tcp.address();
    const bound = typeof address === 'object' && address !== null ? address.port : port;
    const udp = makeUdp();
    try {
      await new Promise<void>((resolve, reject) => {
        udp.once('error', reject);
        udp.bind(bound, host, () => {
          udp.off('error', reject);
          resolve();
        });
      });
      return { port: bound, udp };
    } catch (e) {
      udp.close();
      await new Promise<void>((r) => tcp.close(() => r()));
      if (port !== 0 || attempt >= 5) throw e;
    }
  }
}
