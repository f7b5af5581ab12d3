import { enqueueNotifications } from '../../db/repositories/notifications.js';
import { insertSession } from '../../db/repositories/sessions.js';
import { composeMessage } from '../notifications/compose.js';
import { findLoginCandidate, findUserWithScope, updateUser } from '../../db/repositories/users.js';
import { AccountDisabled, AccountLocked, InvalidCredentials } from '../../domain/accounts/errors.js';
import { afterFailedLogin, isLocked } from '../../domain/accounts/login-rules.js';
import { secondFactorRequired } from '../../domain/accounts/totp.js';
import type { DomainError } from '../../domain/errors.js';
import { recordAudit } from '../audit/record.js';
import type { AppContext, RequestMeta } from '../context.js';
import { burnVerification, verifyPassword } from './password-hashing.js';
import { presentSession, type SessionRecord, type SessionView } from './session-view.js';
import { newToken, sha256Hex } from './tokens.js';

export interface LoginInput {
  username: string;
  password: string;
}

/**
 * Checks the password and opens a server-side session.
 * A wrong password is counted (and may lock the account) in a transaction that commits even
 * though the login fails: the error is thrown only after the commit.
 * @throws InvalidCredentials  unknown user or wrong password (the same answer for both)
 * @throws AccountLocked       too many failures; no password is checked while locked
 * @throws AccountDisabled     the admin disabled the account (only said to someone with the password)
 * A user with a second factor gets a session restricted to typing its code (verifySecondFactor);
 * one whose role requires a second factor they have not set up, a session restricted to setting it up.
 */
export async function login(
  app: AppContext,
  meta: RequestMeta,
  input: LoginInput,
): Promise<{ token: string; view: SessionView }> {
  const now = app.clock.now();
  // The password is checked before the transaction: argon2id is tens of milliseconds of CPU, and
  // holding a pooled connection and the account's row lock through it served no one. Not while
  // the account is locked, and against a dummy hash for an unknown name (the same time either way).
  const seen = await findLoginCandidate(app.db, input.username);
  let checked: { hash: string; right: boolean } | null = null;
  if (seen === undefined) await burnVerification(input.password);
  else if (!isLocked(seen, now)) checked = { hash: seen.passwordHash, right: await verifyPassword(seen.passwordHash, input.password) };
  const outcome = await app.db.transaction(async (tx): Promise<{ error: DomainError } | { token: string; record: SessionRecord }> => {
    // Locked until commit: wrong passwords sent at once (to several API processes, or over
    // several connections) each count, instead of all writing the same count + 1. Read with the
    // user's scope: a successful login is presented from this row.
    const scoped = seen === undefined ? undefined : await findUserWithScope(tx, seen.id, { forUpdate: true });
    const user = scoped?.user;
    const fail = async (error: DomainError, reason: string, actorId: string | null) => {
      await recordAudit(tx, app.clock, meta, {
        action: 'login',
        result: 'failure',
        actor: { id: actorId, username: user?.username ?? input.username },
        details: { reason },
      });
      return { error };
    };
    if (scoped === undefined || user === undefined) return fail(new InvalidCredentials(), 'unknown_user', null);
    if (isLocked(user, now) && user.lockedUntil !== null) {
      return fail(new AccountLocked(user.lockedUntil), 'locked', user.id);
    }
    // Checked again (rarely) when the row changed meanwhile: unlocked by the admin, or a new password.
    const right = checked !== null && checked.hash === user.passwordHash ? checked.right : await verifyPassword(user.passwordHash, input.password);
    if (!right) {
      const next = afterFailedLogin(user, now, app.policy);
      await updateUser(tx, user.id, { failedLoginCount: next.failedLoginCount, lockedUntil: next.lockedUntil });
      if (next.lockedNow && next.lockedUntil !== null) {
        await recordAudit(tx, app.clock, meta, {
          action: 'account_locked',
          result: 'success',
          actor: { id: user.id, username: user.username },
          target: { type: 'user', id: user.id },
          details: { lockedUntil: next.lockedUntil.toISOString() },
        });
        const until = next.lockedUntil.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
        await enqueueNotifications(
          tx,
          composeMessage('account_locked', user, { username: user.username, displayName: user.displayName, until }, ['sms', 'email'], `account_locked:${user.id}:${now.getTime()}`, now),
        );
        return fail(new AccountLocked(next.lockedUntil), 'wrong_password', user.id);
      }
      return fail(new InvalidCredentials(), 'wrong_password', user.id);
    }
    if (user.disabled) return fail(new AccountDisabled(), 'disabled', user.id);

    const token = newToken();
    // With a second factor the login is not complete yet: wrong codes go on counting from here,
    // so the count is only cleared once the code matches.
    const codePending = user.totpEnabledAt !== null;
    const reset = !codePending && (user.failedLoginCount !== 0 || user.lockedUntil !== null);
    if (reset) await updateUser(tx, user.id, { failedLoginCount: 0, lockedUntil: null });
    const session = {
      tokenHash: sha256Hex(token),
      userId: user.id,
      csrfToken: newToken(),
      createdAt: now,
      lastSeenAt: now,
      absoluteExpiresAt: new Date(now.getTime() + app.policy.sessionAbsoluteMs),
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 512) ?? null,
      secondFactorAt: null,
    };
    await insertSession(tx, session);
    const secondFactor = codePending ? 'pending' : secondFactorRequired(user.role) ? 'enrolment_required' : null;
    await recordAudit(tx, app.clock, meta, {
      action: 'login',
      result: 'success',
      actor: { id: user.id, username: user.username },
      ...(secondFactor === null ? {} : { details: { secondFactor } }),
    });
    // The session as written, with the account read (and locked) above: no second read after commit.
    const record: SessionRecord = { ...scoped, session, user: reset ? { ...user, failedLoginCount: 0, lockedUntil: null } : user };
    return { token, record };
  });
  if ('error' in outcome) throw outcome.error;
  return { token: outcome.token, view: presentSession(outcome.record, app.policy, now) };
}
