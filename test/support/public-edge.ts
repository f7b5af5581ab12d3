import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildPublicServer, type PublicServerOptions } from '../../src/public/server.js';
import type { TestApp } from './app.js';

export const testPublicHost = 'edge.zhengming.test';

/** The public edge on this file's database; no cache (every request sees the database). */
export function usePublicEdge(t: TestApp, o: Partial<PublicServerOptions> = {}): { edge: FastifyInstance } {
  const e = {} as { edge: FastifyInstance };
  beforeAll(async () => {
    e.edge = await buildPublicServer({ app: t.app, publicHost: testPublicHost, logLevel: 'silent', cacheTtlMs: 0, ...o });
    await e.edge.ready();
  });
  afterAll(async () => {
    await e.edge?.close();
  });
  return e;
}
