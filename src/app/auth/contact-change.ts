import { and, count, desc, eq, gte, isNull } from 'drizzle-orm';
import { contactVerifications } from '../../db/schema/index.js';
import { openContactAddress, sealContactAddress } from '../../db/personal-data/fields.js';
import { enqueueNotifications } from '../../db/repositories/notifications.js';
import { findUserById, updateUser } from '../../db/repositories/users.js';
import { ResetCodeExpired, ResetCodeInvalid, ResetTooManyAttempts } from '../../domain/accounts/errors.js';
import { DomainError, InvalidInput, NotAuthenticated, TooManyRequests } from '../../domain/errors.js';
import { validateEmail } from '../../domain/validators/email.js';
import { validateMobile } from '../../domain/validators/mobile.js';
import { recordAudit } from '../audit/record.js';
import type { Ctx } from '../context.js';
import { composeMessage } from '../notifications/compose.js';
import { safeEqual, sha256Hex, sixDigitCode } from './tokens.js';

const codeHash = (userId: string, channel: string, code: string) => sha256Hex(`contact:${userId}:${channel}:${code}`);
const channelLabel = { sms: '手机号码', email: '邮箱' } as const;

/**
 * A user asks to change their mobile or email: a code goes to the NEW address; nothing changes
 * until it comes back (so a typo cannot divert the messages meant for them).
 */
export async function requestContactChange(ctx: Ctx, input: { channel: 'sms' | 'email'; address: string }): Promise<void> {
  const v = input.channel === 'sms' ? validateMobile(input.address) : validateEmail(input.address);
  if (!v.ok) throw new InvalidInput(v.code, v.message, 'address');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    // Locked until commit: requests at once (several API processes) cannot all pass the count below.
    const user = await findUserById(tx, ctx.actor.id, { forUpdate: true });
    if (user === undefined) throw new NotAuthenticated();
    const recent = await tx
      .select({ n: count() })
      .from(contactVerifications)
      .where(and(eq(contactVerifications.userId, user.id), gte(contactVerifications.createdAt, new Date(now.getTime() - ctx.policy.resetWindowMs))));
    if ((recent[0]?.n ?? 0) >= ctx.policy.resetRequestsPerWindow) throw new TooManyRequests();
    await tx
      .update(contactVerifications)
      .set({ consumedAt: now })
      .where(and(eq(contactVerifications.userId, user.id), eq(contactVerifications.channel, input.channel), isNull(contactVerifications.consumedAt)));
    const code = sixDigitCode();
    const [row] = await tx
      .insert(contactVerifications)
      .values({ userId: user.id, channel: input.channel, address: sealContactAddress(v.value), codeHash: codeHash(user.id, input.channel, code), expiresAt: new Date(now.getTime() + ctx.policy.resetCodeTtlMs), createdAt: now })
      .returning({ id: contactVerifications.id });
    const to = { id: user.id, mobile: input.channel === 'sms' ? v.value : null, email: input.channel === 'email' ? v.value : null };
    const params = { code, minutes: String(Math.round(ctx.policy.resetCodeTtlMs / 60_000)), username: user.username, displayName: user.displayName, channelLabel: channelLabel[input.channel] };
    // The code travels only to the new address: no in-app copy, which would prove nothing.
    const rows = composeMessage('contact_verification_code', to, params, [input.channel], `contact:${row?.id ?? code}`, now).filter((r) => r.channel !== 'inbox');
    await enqueueNotifications(tx, rows);
    await recordAudit(tx, ctx.clock, ctx.meta, { action: 'contact_change_request', result: 'success', actor: { id: user.id, username: user.username }, details: { channel: input.channel } });
  });
}

/** The code from the new address confirms it; later messages go there. */
export async function confirmContactChange(ctx: Ctx, input: { channel: 'sms' | 'email'; code: string }): Promise<{ mobile: string | null; email: string | null }> {
  const now = ctx.clock.now();
  const outcome = await ctx.db.transaction(async (tx): Promise<DomainError | { mobile: string | null; email: string | null }> => {
    const [latest] = await tx
      .select()
      .from(contactVerifications)
      .where(and(eq(contactVerifications.userId, ctx.actor.id), eq(contactVerifications.channel, input.channel), isNull(contactVerifications.consumedAt)))
      .orderBy(desc(contactVerifications.createdAt))
      .limit(1)
      .for('update');
    if (latest === undefined) return new ResetCodeInvalid();
    if (latest.expiresAt <= now) return new ResetCodeExpired();
    if (latest.attempts >= ctx.policy.resetCodeMaxAttempts) return new ResetTooManyAttempts();
    if (!safeEqual(latest.codeHash, codeHash(ctx.actor.id, input.channel, input.code))) {
      await tx.update(contactVerifications).set({ attempts: latest.attempts + 1 }).where(eq(contactVerifications.id, latest.id));
      return latest.attempts + 1 >= ctx.policy.resetCodeMaxAttempts ? new ResetTooManyAttempts() : new ResetCodeInvalid();
    }
    await tx.update(contactVerifications).set({ consumedAt: now }).where(eq(contactVerifications.id, latest.id));
    const address = openContactAddress(latest.address);
    await updateUser(tx, ctx.actor.id, input.channel === 'sms' ? { mobile: address, updatedAt: now } : { email: address, updatedAt: now });
    await recordAudit(tx, ctx.clock, ctx.meta, { action: 'contact_change', result: 'success', actor: { id: ctx.actor.id, username: ctx.actor.username }, details: { channel: input.channel } });
    const user = await findUserById(tx, ctx.actor.id);
    return { mobile: user?.mobile ?? null, email: user?.email ?? null };
  });
  if (outcome instanceof DomainError) throw outcome;
  return outcome;
}
