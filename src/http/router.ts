import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app/context.js';

export type Router = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface RouteDeps {
  app: AppContext;
  supportHotline: string;
  publicHost: string;
  consoleUrl: string;
  cookieOptions: (req: FastifyRequest) => { httpOnly: true; sameSite: 'strict'; path: '/'; secure: boolean };
}

/** Shared schema pieces: every string has a limit. */
export const uuidParam = z.strictObject({ id: z.uuid() });
export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};
export const noContent = { 204: z.null().describe('无内容') };
