import { createHash, createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake answers to the next accepted (correctly signed, complete) request. */
export type FakeSmsAnswer =
  | 'ok'
  | 'throttle'
  | 'limit_exceeded'
  | 'invalid_number'
  | 'template_invalid'
  | 'sign_invalid'
  | 'server_error'
  | 'hang';
/** One answer for every request, or a script consumed one per request (then `ok`). */
export type FakeSmsBehaviour = FakeSmsAnswer | FakeSmsAnswer[];

export interface FakeSmsServer<R> {
  url: string;
  /** Every message the fake accepted, once per idempotency key. */
  received: R[];
  /** Number of HTTP requests seen, accepted or not. */
  requests(): number;
  close(): Promise<void>;
}

export function answerScript(b: FakeSmsBehaviour | undefined): () => FakeSmsAnswer {
  if (b === undefined) return () => 'ok';
  if (typeof b === 'string') return () => b;
  const queue = [...b];
  return () => queue.shift() ?? 'ok';
}

export const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
export const hmacSha256 = (key: string | Buffer, msg: string): Buffer => createHmac('sha256', key).update(msg, 'utf8').digest();
export const requestId = (): string => randomUUID().toUpperCase();
export const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

export function digits(n: number): string {
  let s = '';
  while (s.length < n) s += Math.floor(Math.random() * 10).toString();
  return s;
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const raw = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json;charset=utf-8', 'Content-Length': Buffer.byteLength(raw) });
  res.end(raw);
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** Starts `handler` on 127.0.0.1 with a random port; `close()` also drops requests left unanswered. */
export async function listen(
  handler: (req: IncomingMessage, res: ServerResponse, body: Buffer) => void,
): Promise<{ url: string; requests(): number; close(): Promise<void> }> {
  let count = 0;
  const server = createServer((req, res) => {
    count += 1;
    readBody(req)
      .then((body) => handler(req, res, body))
      .catch((err: unknown) => sendJson(res, 500, { error: String(err) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests: () => count,
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      })),
  };
}
