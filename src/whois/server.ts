/**
 * WHOIS (RFC 3912) on WHOIS_PORT: a client connects, sends one query line (CRLF-terminated, or
 * ends its side), gets the UTF-8 answer and the connection closes. Lines are bounded, slow
 * clients time out, each address is rate-limited, and nothing a client sends can crash the
 * listener. Behind nginx (deploy/nginx), connections from the proxies named in
 * `proxyProtocolFrom` start with a PROXY protocol header naming the real client, whose address is
 * then the one limited. Answers come from the same use case as RDAP, so neither shows personal data.
 */
import net from 'node:net';
import type { AppContext, Logger } from '../app/context.js';
import { lookupDomain } from '../app/registration-data/lookup-domain.js';
import { DomainError } from '../domain/errors.js';
import { RateLimiter, clientKey, type RateLimitPolicy } from '../domain/registration-data/rate-limit.js';
import type { AddressAllowList } from '../domain/sitecheck/address.js';
import { domainAnswer, help, malformed, noMatch, serverError, tooLong, tooMany } from './format.js';
import { maxProxyHeaderBytes, parseProxyHeader } from './proxy-protocol.js';

export interface WhoisServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  app: AppContext;
  /** The TLD zones' apex NS (config.zone.ns), shown for domains that are not delegated. */
  nameservers: readonly string[];
  log: Logger;
  /** Longest query line accepted, in bytes; 512 by default. */
  maxQueryBytes?: number;
  /** A client that has not sent its line within this time is disconnected; 10 s by default. */
  timeoutMs?: number;
  /** Per client address (IPv6 by /64); `false` turns it off. */
  rateLimit?: RateLimitPolicy | false;
  maxConnections?: number;
  /**
   * Peers (proxies) whose connections begin with a PROXY protocol v1 header (WHOIS_PROXY_PROTOCOL_FROM):
   * the header's source address is the client's. Such a connection without a valid header is dropped.
   */
  proxyProtocolFrom?: AddressAllowList;
}

export interface WhoisServer {
  host: string;
  port: number;
  close(): Promise<void>;
}

export const defaultWhoisRateLimit: RateLimitPolicy = { perMinute: 30, burst: 10 };

const utf8 = new TextDecoder('utf-8', { fatal: true });

export async function startWhoisServer(o: WhoisServerOptions): Promise<WhoisServer> {
  const maxBytes = o.maxQueryBytes ?? 512;
  const limiter = o.rateLimit === false ? null : new RateLimiter(o.rateLimit ?? defaultWhoisRateLimit);
  const sockets = new Set<net.Socket>();

  async function answer(raw: Buffer): Promise<string> {
    const now = o.app.clock.now();
    let line: string;
    try {
      line = utf8.decode(raw);
    } catch {
      return malformed('查询须为 UTF-8 编码 (the query must be UTF-8)', now);
    }
    const query = line.replace(/^\s*domain\s+/i, '').trim();
    if (query === '' || query === '?' || query.toLowerCase() === 'help') return help(now);
    try {
      return domainAnswer(await lookupDomain(o.app, { name: query, zoneNameservers: o.nameservers }), now);
    } catch (e) {
      if (e instanceof DomainError) return e.status === 404 ? noMatch(query, now) : malformed(e.message, now);
      o.log.warn({ err: String(e) }, 'WHOIS query failed');
      return serverError(now);
    }
  }

  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.setTimeout(o.timeoutMs ?? 10_000, () => socket.destroy());
    const reply = (text: string) => {
      if (!socket.destroyed) socket.end(text, 'utf8');
    };
    let buffered = Buffer.alloc(0);
    let done = false;
    const stop = () => {
      done = true;
      socket.removeAllListeners('data');
      socket.pause();
    };
    /** The client's address is known: false (and the answer sent) when it is over its limit. */
    const admit = (address: string | undefined): boolean => {
      if (limiter === null || limiter.take(clientKey(address), Date.now())) return true;
      stop();
      reply(tooMany(o.app.clock.now()));
      return false;
    };
    // From a trusted proxy the client's address comes in the first line; until then it is unknown.
    let awaitingHeader = o.proxyProtocolFrom?.has(socket.remoteAddress ?? '') ?? false;
    if (!awaitingHeader && !admit(socket.remoteAddress)) return;

    const finish = (line: Buffer | null) => {
      if (done) return;
      stop();
      if (line === null) return reply(tooLong(o.app.clock.now()));
      void answer(line).then(reply, () => reply(serverError(o.app.clock.now())));
    };
    /** Takes the PROXY header off `buffered`; false when the connection was dropped or refused. */
    const readHeader = (): boolean | 'more' => {
      const nl = buffered.indexOf(0x0a);
      if (nl < 0) return buffered.length >= maxProxyHeaderBytes ? drop() : 'more';
      const header = nl < maxProxyHeaderBytes ? parseProxyHeader(buffered.subarray(0, nl + 1).toString('latin1')) : null;
      if (header === null) return drop();
      buffered = buffered.subarray(nl + 1);
      awaitingHeader = false;
      return admit(header.kind === 'proxied' ? header.source : socket.remoteAddress);
    };
    const drop = (): false => {
      stop();
      socket.destroy();
      return false;
    };
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (awaitingHeader) {
        const read = readHeader();
        if (read !== true) return;
      }
      const nl = buffered.indexOf(0x0a);
      if (nl >= 0 && nl <= maxBytes + 1) return finish(stripCr(buffered.subarray(0, nl)));
      if (buffered.length > maxBytes + 1) finish(null);
    });
    // A client may end its side without a newline: its bytes so far are the query.
    socket.on('end', () => {
      if (done) return;
      if (awaitingHeader) return void drop();
      if (buffered.length > maxBytes) finish(null);
      else finish(stripCr(buffered));
    });
  });
  server.maxConnections = o.maxConnections ?? 512;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (e) => o.log.warn({ err: String(e) }, 'WHOIS listener error'));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : o.port;
  return {
    host: o.host,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

const stripCr = (b: Buffer): Buffer => (b.length > 0 && b[b.length - 1] === 0x0d ? b.subarray(0, b.length - 1) : b);
