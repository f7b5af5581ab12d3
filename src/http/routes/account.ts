import { z } from 'zod';
import { changePassword } from '../../app/auth/change-password.js';
import { confirmEnrolment, disableSecondFactor, startEnrolment } from '../../app/auth/second-factor.js';
import { confirmPasswordReset, requestPasswordReset } from '../../app/auth/password-reset.js';
import { ctxOf, requestMeta, sessionOf } from '../auth.js';
import type { RouteDeps, Router } from '../router.js';

const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(128),
  newPassword: z.string().min(1).max(128),
});
const CodeBody = z.strictObject({ code: z.string().trim().regex(/^\d{3} ?\d{3}$/, '动态口令为6位数字') });
const ResetRequestBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  channel: z.enum(['sms', 'email']),
});
const ResetConfirmBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  code: z.string().regex(/^\d{6}$/, '验证码为6位数字'),
  newPassword: z.string().min(1).max(128),
});

export function accountRoutes(r: Router, { app, supportHotline }: RouteDeps): void {
  r.post(
    '/api/account/password',
    { config: { allowRestricted: ['password_change'] }, schema: { tags: ['账户'], summary: '修改密码', body: ChangePasswordBody } },
    async (req, reply) => {
      await changePassword(ctxOf(app, req), sessionOf(req).tokenHash, req.body);
      return reply.code(204).send();
    },
  );

  // 二次验证 (TOTP): reachable while a session must still set it up, and by anyone logged in.
  r.post(
    '/api/account/second-factor/enrolment',
    { config: { allowRestricted: ['second_factor_enrolment'] }, schema: { tags: ['账户'], summary: '二次验证：生成密钥与二维码' } },
    (req) => startEnrolment(ctxOf(app, req)),
  );
  r.post(
    '/api/account/second-factor/confirm',
    { config: { allowRestricted: ['second_factor_enrolment'] }, schema: { tags: ['账户'], summary: '二次验证：输入动态口令确认开启', body: CodeBody } },
    (req) => confirmEnrolment(ctxOf(app, req), sessionOf(req).tokenHash, req.body.code),
  );
  r.post(
    '/api/account/second-factor/disable',
    { schema: { tags: ['账户'], summary: '二次验证：关闭（仅经办人，需当前动态口令）', body: CodeBody } },
    (req) => disableSecondFactor(ctxOf(app, req), sessionOf(req).tokenHash, req.body.code),
  );

  r.get('/api/support', { config: { auth: 'public' }, schema: { tags: ['账户'], summary: '客服电话' } }, async () => ({
    hotline: supportHotline,
    centreName: '政务和公益机构域名注册管理中心',
  }));

  r.post(
    '/api/password-reset/request',
    { config: { auth: 'public' }, schema: { tags: ['账户'], summary: '忘记密码：获取验证码', body: ResetRequestBody } },
    async (req, reply) => {
      await requestPasswordReset(app, requestMeta(req), req.body);
      return reply.code(202).send({
        message: `如果该账户存在并登记了相应的手机或邮箱，验证码已发送，${Math.round(app.policy.resetCodeTtlMs / 60_000)}分钟内有效。`,
      });
    },
  );

  r.post(
    '/api/password-reset/confirm',
    { config: { auth: 'public' }, schema: { tags: ['账户'], summary: '忘记密码：重置密码', body: ResetConfirmBody } },
    async (req, reply) => {
      await confirmPasswordReset(app, requestMeta(req), req.body);
      return reply.code(204).send();
    },
  );
}
