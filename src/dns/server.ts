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
import { axfrMessages, ixfrMessages, refusal, transferAllowed } from './transfer.js';
import { Opcode, Rcode, encodeWithin, headerOnlyResponse, opcodeOf } from './wire.js';

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
  /** A TCP connection with no traffic for this long is closed; 10 s by default. */
  tcpIdleMs?: number;
}

export interface DnsServer {
  host: string;
  port: number;
  close(): Promise<void>;
}

const tcpMaxMessage = 65_535;

export async function startDnsServer(o: DnsServerOptions): Promise<DnsServer> {
  const allow = o.transferAllow ?? [];
  const sockets = new Set<net.Socket>();

  /** Encoded responses to one message (several for a transfer), possibly none. */
  function handle(buf: Buffer, tcp: boolean, remote: string | undefined): Buffer[] {
    let query: DecodedPacket;
    try {
      query = decode(buf);
    } catch {
      const r = headerOnlyResponse(buf, Rcode.FORMERR);
      return r === null ? [] : [r];
    }
    if (query.flag_qr) return [];
    try {
      const q = query.questions?.length === 1 ? query.questions[0] : undefined;
      if (q !== undefined && opcodeOf(query.flags ?? 0) === Opcode.QUERY && (q.type === 'AXFR' || q.type === 'IXFR') && tcp) {
        const store = findZone(o.zones(), q.name);
        if (store === undefined || store.apex !== q.name.replace(/\.$/, '').toLowerCase()) return [refusal(query, Rcode.NOTAUTH)];
        if (!transferAllowed(allow, remote)) {
          o.log.warn({ remote, zone: store.apex, type: q.type }, 'zone transfer refused');
          return [refusal(query)];
        }
        o.log.info({ remote, zone: store.apex, type: q.type, serial: store.serial }, 'zone transfer');
        return q.type === 'AXFR' ? axfrMessages(query, store) : ixfrMessages(query, store);
      }
      const { response, udpLimit } = answer(query, o.zones());
      return [encodeWithin(response, tcp ? tcpMaxMessage : udpLimit)];
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
    socket.on('data', (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      while (pending.length >= 2) {
        const len = pending.readUInt16BE(0);
        if (pending.length < 2 + len) break;
        const msg = pending.subarray(2, 2 + len);
        pending = pending.subarray(2 + len);
        for (const out of handle(Buffer.from(msg), true, socket.remoteAddress)) {
          const frame = Buffer.alloc(2 + out.length);
          frame.writeUInt16BE(out.length, 0);
          out.copy(frame, 2);
          if (!socket.destroyed) socket.write(frame);
        }
      }
    });
  });

  const makeUdp = () => {
    const udp = dgram.createSocket({ type: net.isIPv6(o.host) ? 'udp6' : 'udp4' });
    udp.on('message', (msg, rinfo) => {
      for (const out of handle(msg, false, rinfo.address)) udp.send(out, rinfo.port, rinfo.address, () => undefined);
    });
    return udp;
  };

  const { port, udp } = await listenBoth(tcp, makeUdp, o.host, o.port);
  udp.on('error', (e) => o.log.warn({ err: String(e) }, 'DNS UDP socket error'));
  o.log.info({ host: o.host, port }, 'DNS primary listening (UDP and TCP)');
  return {
    host: o.host,
    port,
    close: async () => {
      for (const s of sockets) s.destroy();
      await Promise.all([new Promise<void>((r) => tcp.close(() => r())), new Promise<void>((r) => udp.close(() => r()))]);
    },
  };
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
