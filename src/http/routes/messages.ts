import { z } from 'zod';
import { confirmContactChange, requestContactChange } from '../../app/auth/contact-change.js';
import { applicationDeliveryLog, listDeliveries, resendDelivery } from '../../app/notifications/delivery-log.js';
import { findUserById } from '../../db/repositories/users.js';
import { NotAuthenticated } from '../../domain/errors.js';
import { ctxOf } from '../auth.js';
import { pageQuery, uuidParam, type RouteDeps, type Router } from '../router.js';

const DeliveryQuery = z.strictObject({
  status: z.enum(['pending', 'sending', 'sent', 'failed', 'logged']).optional(),
  channel: z.enum(['sms', 'email']).optional(),
  to: z.string().trim().max(254).optional(),
  ...pageQuery,
});
const ContactRequest = z.strictObject({ channel: z.enum(['sms', 'email']), address: z.string().trim().min(1).max(254) });
const ContactConfirm = z.strictObject({ channel: z.enum(['sms', 'email']), code: z.string().regex(/^\d{6}$/, '验证码为6位数字') });

/** The delivery log (which SMS and emails went out) and the user's own contact details. */
export function messageRoutes(r: Router, { app }: RouteDeps): void {
  r.get('/api/applications/:id/messages', { schema: { tags: ['消息'], summary: '申请的短信和邮件发送记录', params: uuidParam } }, (req) =>
    applicationDeliveryLog(ctxOf(app, req), req.params.id),
  );
  r.get('/api/admin/notifications', { schema: { tags: ['系统管理'], summary: '短信和邮件发送记录', querystring: DeliveryQuery } }, (req) =>
    listDeliveries(ctxOf(app, req), req.query),
  );
  r.post('/api/admin/notifications/:id/resend', { schema: { tags: ['系统管理'], summary: '重发', params: uuidParam } }, async (req, reply) => {
    await resendDelivery(ctxOf(app, req), req.params.id);
    return reply.code(204).send();
  });
  r.get('/api/account', { schema: { tags: ['账户'], summary: '我的账户与联系方式' } }, async (req) => {
    const ctx = ctxOf(app, req);
    const user = await findUserById(ctx.db, ctx.actor.id);
    if (user === undefined) throw new NotAuthenticated();
    return { username: user.username, displayName: user.displayName, mobile: user.mobile, email: user.email };
  });
  r.post('/api/account/contact/request', { schema: { tags: ['账户'], summary: '修改手机或邮箱：向新地址发送验证码', body: ContactRequest } }, async (req, reply) => {
    await requestContactChange(ctxOf(app, req), req.body);
    return reply.code(202).send({ message: '验证码已发送至新地址' });
  });
  r.post('/api/account/contact/confirm', { schema: { tags: ['账户'], summary: '修改手机或邮箱：确认验证码', body: ContactConfirm } }, (req) =>
    confirmContactChange(ctxOf(app, req), req.body),
  );
}
