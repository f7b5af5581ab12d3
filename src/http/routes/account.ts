import { z } from 'zod';
import { changePassword } from '../../app/auth/change-password.js';
import { confirmPasswordReset, requestPasswordReset } from '../../app/auth/password-reset.js';
import { ctxOf, requestMeta, sessionOf } from '../auth.js';
import type { RouteDeps, Router } from '../router.js';

const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(128),
  newPassword: z.string().min(1).max(128),
});
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
    { config: { allowRestricted: true }, schema: { tags: ['账户'], summary: '修改密码', body: ChangePasswordBody } },
    async (req, reply) => {
      await changePassword(ctxOf(app, req), sessionOf(req).tokenHash, req.body);
      return reply.code(204).send();
    },
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
