import { z } from 'zod';
import { login } from '../../app/auth/login.js';
import { logout } from '../../app/auth/logout.js';
import { verifySecondFactor } from '../../app/auth/second-factor.js';
import { presentSession } from '../../app/auth/session-view.js';
import { ctxOf, requestMeta, sessionCookie, sessionOf } from '../auth.js';
import type { RouteDeps, Router } from '../router.js';

const CodeBody = z.strictObject({ code: z.string().trim().regex(/^\d{3} ?\d{3}$/, '动态口令为6位数字') });

const LoginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
});

export function sessionRoutes(r: Router, { app, cookieOptions }: RouteDeps): void {
  r.get(
    '/api/session',
    { config: { allowRestricted: true }, schema: { tags: ['会话'], summary: '当前会话' } },
    async (req) => presentSession(sessionOf(req).record, app.policy, app.clock.now()),
  );

  r.post(
    '/api/session/login',
    { config: { auth: 'public' }, schema: { tags: ['会话'], summary: '登录', body: LoginBody } },
    async (req, reply) => {
      const { token, view } = await login(app, requestMeta(req), req.body);
      reply.setCookie(sessionCookie, token, cookieOptions(req));
      return view;
    },
  );

  r.post(
    '/api/session/second-factor',
    {
      config: { allowRestricted: ['second_factor'] },
      schema: { tags: ['会话'], summary: '登录：输入动态口令（二次验证）', body: CodeBody },
    },
    async (req) => {
      const s = sessionOf(req);
      return verifySecondFactor(ctxOf(app, req), s.tokenHash, s.restriction, req.body.code);
    },
  );

  r.post(
    '/api/session/logout',
    { config: { allowRestricted: true }, schema: { tags: ['会话'], summary: '退出' } },
    async (req, reply) => {
      await logout(ctxOf(app, req), sessionOf(req).tokenHash);
      reply.clearCookie(sessionCookie, cookieOptions(req));
      return reply.code(204).send();
    },
  );
}
