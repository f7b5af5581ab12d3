import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { resolveSession, type ResolvedSession } from '../app/auth/resolve-session.js';
import { safeEqual } from '../app/auth/tokens.js';
import type { AppContext, Ctx, RequestMeta } from '../app/context.js';
import { CsrfTokenInvalid, PasswordChangeRequired, SecondFactorEnrolmentRequired, SecondFactorRequired } from '../domain/accounts/errors.js';
import type { SessionRestriction } from '../domain/accounts/session-restriction.js';
import { assertMayChange } from '../domain/access/duties.js';
import { NotAuthenticated } from '../domain/errors.js';

export const sessionCookie = 'zm_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `public`: no session needed. Default: a session is required. */
    auth?: 'public' | 'session';
    /** Reachable by a restricted session: `true` whatever the restriction (reading the session,
     * logging out), or only under the restrictions listed (a forced password change, a pending
     * second-factor code, a second factor still to set up). */
    allowRestricted?: boolean | readonly SessionRestriction[];
  }
  interface FastifyRequest {
    session: ResolvedSession | null;
  }
}

export const requestMeta = (req: FastifyRequest): RequestMeta => ({
  ip: req.ip ?? null,
  userAgent: req.headers['user-agent']?.slice(0, 512) ?? null,
});

/** The use-case context for the logged-in user of this request. */
export function ctxOf(app: AppContext, req: FastifyRequest): Ctx {
  if (req.session === null) throw new NotAuthenticated();
  return { ...app, actor: req.session.actor, meta: requestMeta(req) };
}

export function sessionOf(req: FastifyRequest): ResolvedSession {
  if (req.session === null) throw new NotAuthenticated();
  return req.session;
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every request under /api passes here: the session is resolved from the cookie, and unless the
 * route is public it must exist, be unrestricted (or the route allow a restricted one), and a
 * state-changing request must carry the session's CSRF token in `X-CSRF-Token`.
 */
export function installAuth(fastify: FastifyInstance, app: AppContext, cookieOptions: (req: FastifyRequest) => object) {
  fastify.decorateRequest('session', null);
  // preValidation, not preHandler: an anonymous request is told to log in before its body is judged.
  fastify.addHook('preValidation', async (req: FastifyRequest, reply: FastifyReply) => {
    // The API's own documentation (swagger-ui's static files) is public like the OpenAPI JSON.
    if (req.is404 || !req.url.startsWith('/api/') || req.url.startsWith('/api/docs')) return;
    const token = req.cookies[sessionCookie];
    req.session = token === undefined || token.length > 128 ? null : await resolveSession(app, token);
    const config = req.routeOptions.config;
    if (token !== undefined && req.session === null) reply.clearCookie(sessionCookie, cookieOptions(req));
    if (config.auth === 'public') return;
    if (req.session === null) throw new NotAuthenticated();
    const restriction = req.session.restriction;
    const allowed = config.allowRestricted;
    if (restriction !== null && allowed !== true && !(Array.isArray(allowed) && allowed.includes(restriction))) {
      throw restriction === 'second_factor'
        ? new SecondFactorRequired()
        : restriction === 'second_factor_enrolment'
          ? new SecondFactorEnrolmentRequired()
          : new PasswordChangeRequired();
    }
    if (!safeMethods.has(req.method)) {
      const header = req.headers['x-csrf-token'];
      if (typeof header !== 'string' || !safeEqual(header, req.session.csrfToken)) throw new CsrfTokenInvalid();
      // Separation of duties: the auditor changes nothing but their own session and account.
      assertMayChange(req.session.actor, req.routeOptions.url ?? req.url);
    }
  });
}
