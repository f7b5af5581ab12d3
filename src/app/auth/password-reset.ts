import { and, count, desc, eq, gte, isNull, sql } from 'drizzle-orm';
import { passwordResetCodes } from '../../db/schema/index.js';
import { enqueueNotifications } from '../../db/repositories/notifications.js';
import { deleteUserSessions } from '../../db/repositories/sessions.js';
import { findUserById, findUserByUsername } from '../../db/repositories/users.js';
import { ResetCodeExpired, ResetCodeInvalid, ResetTooManyAttempts } from '../../domain/accounts/errors.js';
import { type DomainError, TooManyRequests } from '../../domain/errors.js';
import { recordAudit } from '../audit/record.js';
import type { AppContext, RequestMeta } from '../context.js';
import { composeMessage } from '../notifications/compose.js';
import { safeEqual, sha256Hex, sixDigitCode } from './tokens.js';
import { setOwnPassword } from './set-password.js';

const codeHash = (userId: string, code: string) => sha256Hex(`${userId}:${code}`);

export interface ResetRequestInput {
  username: string;
  channel: 'sms' | 'email';
}

/** The advisory lock space (first key) of 忘记密码 requests per client address. */
const resetByAddressLock = 0x5a4d5052; // 'ZMPR'

/**
 * Sends a 6-digit code to the account's registered mobile or email. The answer is the same
 * whether or not the account exists, so this cannot be used to find usernames.
 * @throws TooManyRequests  too many codes asked from this address recently
 */
export async function requestPasswordReset(app: AppContext, meta: RequestMeta, input: ResetRequestInput): Promise<void> {
  const now = app.clock.now();
  const windowStart = new Date(now.getTime() - app.policy.resetWindowMs);
  await app.db.transaction(async (tx) => {
    if (meta.ip !== null) {
      // Requests from one address wait for each other (across API processes too), so a burst of
      // them cannot all pass the count below before any has written its code.
      await tx.execute(sql`select pg_advisory_xact_lock(${resetByAddressLock}, hashtext(${meta.ip}))`);
      const fromIp = await tx
        .select({ n: count() })
        .from(passwordResetCodes)
        .where(and(eq(passwordResetCodes.requestIp, meta.ip), gte(passwordResetCodes.createdAt, windowStart)));
      if ((fromIp[0]?.n ?? 0) >= app.policy.resetRequestsPerWindow * 3) throw new TooManyRequests();
    }
    const found = await findUserByUsername(tx, input.username);
    // Locked until commit, so requests at once (through several API processes) cannot all pass
    // the per-account count below.
    const user = found === undefined ? undefined : await findUserById(tx, found.id, { forUpdate: true });
    const address = user === undefined ? null : input.channel === 'sms' ? user.mobile : user.email;
    const audit = (result: 'success' | 'failure', reason?: string) =>
      recordAudit(tx, app.clock, meta, {
        action: 'password_reset_request',
        result,
        actor: { id: user?.id ?? null, username: user?.username ?? input.username },
        details: { channel: input.channel, ...(reason === undefined ? {} : { reason }) },
      });
    if (user === undefined || user.disabled || address === null) {
      await audit('failure', user === undefined ? 'unknown_user' : user.disabled ? 'disabled' : 'no_address');
      return;
    }
    const forUser = await tx
      .select({ n: count() })
      .from(passwordResetCodes)
      .where(and(eq(passwordResetCodes.userId, user.id), gte(passwordResetCodes.createdAt, windowStart)));
    if ((forUser[0]?.n ?? 0) >= app.policy.resetRequestsPerWindow) {
      await audit('failure', 'rate_limited');
      return;
    }
    // A new code replaces any earlier one.
    await tx
      .update(passwordResetCodes)
      .set({ consumedAt: now })
      .where(and(eq(passwordResetCodes.userId, user.id), isNull(passwordResetCodes.consumedAt)));
    const code = sixDigitCode();
    const [row] = await tx
      .insert(passwordResetCodes)
      .values({
        userId: user.id,
        codeHash: codeHash(user.id, code),
        channel: input.channel,
        expiresAt: new Date(now.getTime() + app.policy.resetCodeTtlMs),
        requestIp: meta.ip,
        createdAt: now,
      })
      .returning({ id: passwordResetCodes.id });
    const params = {
      code,
      minutes: String(Math.round(app.policy.resetCodeTtlMs / 60_000)),
      username: user.username,
      displayName: user.displayName,
    };
    await enqueueNotifications(
      tx,
      composeMessage('password_reset_code', user, params, [input.channel], `password_reset:${row?.id ?? code}`, now),
    );
    await audit('success');
  });
}

export interface ResetConfirmInput {
  username: string;
  code: string;
  newPassword: string;
}

/**
 * Sets a new password with a valid code. Wrong guesses are counted (and committed) per code;
 * after the limit the code is dead. Success unlocks the account and ends all its sessions.
 */
export async function confirmPasswordReset(app: AppContext, meta: RequestMeta, input: ResetConfirmInput): Promise<void> {
  const now = app.clock.now();
  const failure = await app.db.transaction(async (tx): Promise<DomainError | null> => {
    const user = await findUserByUsername(tx, input.username);
    if (user === undefined || user.disabled) return new ResetCodeInvalid();
    const [latest] = await tx
      .select()
      .from(passwordResetCodes)
      .where(and(eq(passwordResetCodes.userId, user.id), isNull(passwordResetCodes.consumedAt)))
      .orderBy(desc(passwordResetCodes.createdAt))
      .limit(1)
      .for('update');
    if (latest === undefined) return new ResetCodeInvalid();
    if (latest.expiresAt <= now) return new ResetCodeExpired();
    if (latest.attempts >= app.policy.resetCodeMaxAttempts) return new ResetTooManyAttempts();
    if (!safeEqual(latest.codeHash, codeHash(user.id, input.code))) {
      await tx
        .update(passwordResetCodes)
        .set({ attempts: latest.attempts + 1 })
        .where(eq(passwordResetCodes.id, latest.id));
      await recordAudit(tx, app.clock, meta, {
        action: 'password_reset',
        result: 'failure',
        actor: { id: user.id, username: user.username },
        details: { reason: 'wrong_code' },
      });
      return latest.attempts + 1 >= app.policy.resetCodeMaxAttempts ? new ResetTooManyAttempts() : new ResetCodeInvalid();
    }
    await setOwnPassword(tx, user, input.newPassword, now, app.policy);
    await tx.update(passwordResetCodes).set({ consumedAt: now }).where(eq(passwordResetCodes.id, latest.id));
    await deleteUserSessions(tx, user.id);
    await recordAudit(tx, app.clock, meta, {
      action: 'password_reset',
      result: 'success',
      actor: { id: user.id, username: user.username },
    });
    return null;
  });
  if (failure !== null) throw failure;
}
