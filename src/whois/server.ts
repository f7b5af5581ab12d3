/**
 * WHOIS (RFC 3912) on WHOIS_PORT: a client connects, sends one query line (CRLF-terminated, or
 * ends its side), gets the UTF-8 answer and the connection closes. Lines are bounded, slow
 * clients time out, each address is rate-limited, and nothing a client sends can crash the
 * listener. Answers come from the same use case as RDAP, so neither shows personal data.
 */
import net from 'node:net';
import type { AppContext, Logger } from '../app/context.js';
import { lookupDomain } from '../app/registration-data/lookup-domain.js';
import { DomainError } from '../domain/errors.js';
import { RateLimiter, clientKey, type RateLimitPolicy } from '../domain/registration-data/rate-limit.js';
import { domainAnswer, help, malformed, noMatch, serverError, tooLong, tooMany } from './format.js';

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
    if (limiter !== null && !limiter.take(clientKey(socket.remoteAddress), Date.now())) {
      reply(tooMany(o.app.clock.now()));
      return;
    }

    let buffered = Buffer.alloc(0);
    let done = false;
    const finish = (line: Buffer | null) => {
      if (done) return;
      done = true;
      socket.removeAllListeners('data');
      socket.pause();
      if (line === null) return reply(tooLong(o.app.clock.now()));
      void answer(line).then(reply, () => reply(serverError(o.app.clock.now())));
    };
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const nl = buffered.indexOf(0x0a);
      if (nl >= 0 && nl <= maxBytes + 1) return finish(stripCr(buffered.subarray(0, nl)));
      if (buffered.length > maxBytes + 1) finish(null);
    });
    // A client may end its side without a newline: its bytes so far are the query.
    socket.on('end', () => {
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
