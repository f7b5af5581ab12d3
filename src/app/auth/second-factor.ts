import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import type { Db } from '../../db/client.js';
import { enqueueNotifications } from '../../db/repositories/notifications.js';
import { deleteUserSessions, findSessionWithUser, markSessionSecondFactor } from '../../db/repositories/sessions.js';
import { findUserById, updateUser, withoutSecondFactor, type UserRow } from '../../db/repositories/users.js';
import {
  AccountLocked,
  SecondFactorAlreadyEnabled,
  SecondFactorCodeInvalid,
  SecondFactorCodeReused,
  SecondFactorEnrolmentExpired,
  SecondFactorMandatory,
  SecondFactorNotEnabled,
  SecondFactorNotPending,
} from '../../domain/accounts/errors.js';
import { afterFailedLogin, isLocked } from '../../domain/accounts/login-rules.js';
import { base32Encode, otpauthUri, secondFactorRequired, verifyTotp } from '../../domain/accounts/totp.js';
import type { AuditAction } from '../../domain/audit/actions.js';
import { NotAuthenticated, type DomainError } from '../../domain/errors.js';
import { recordAudit } from '../audit/record.js';
import type { Ctx } from '../context.js';
import { composeMessage } from '../notifications/compose.js';
import { presentSession, type SessionView } from './session-view.js';

/** The name authenticator apps show above the code. */
export const totpIssuer = '正名';
/** A secret shown at enrolment must be confirmed within this time. */
const enrolmentTtlMs = 10 * 60_000;

/** 20 random bytes (160 bits, RFC 4226's recommendation), base32. */
export const newTotpSecret = (): string => base32Encode(randomBytes(20));

type Outcome<T> = { error: DomainError } | { value: T };

/** Runs `act` in a transaction that commits even when it decides the request fails (a wrong
 * code must be counted and audited), and throws that failure after the commit. */
async function committing<T>(ctx: Ctx, act: (tx: Db, user: UserRow) => Promise<Outcome<T>>): Promise<T> {
  const outcome = await ctx.db.transaction(async (tx) => {
    const user = await findUserById(tx, ctx.actor.id, { forUpdate: true });
    if (user === undefined) throw new NotAuthenticated();
    return act(tx, user);
  });
  if ('error' in outcome) throw outcome.error;
  return outcome.value;
}

/** The session as `GET /api/session` shows it, after a step changed it. */
async function sessionView(ctx: Ctx, tokenHash: string): Promise<SessionView> {
  const record = await findSessionWithUser(ctx.db, tokenHash);
  if (record === undefined) throw new NotAuthenticated();
  return presentSession(record, ctx.policy, ctx.clock.now());
}

const who = (ctx: Ctx) => ({ id: ctx.actor.id, username: ctx.actor.username });

/**
 * Checks `code` against the user's enrolled secret. A wrong code counts toward the lockout like
 * a wrong password (LOGIN_MAX_FAILURES): at the limit the account locks, every session of it
 * ends, and the owner is told. A reused code is refused without counting (the owner typed an
 * expired code, or someone replays one: either way it proves nothing).
 */
async function checkEnrolledCode(tx: Db, ctx: Ctx, user: UserRow, code: string, action: AuditAction): Promise<DomainError | null> {
  const now = ctx.clock.now();
  if (isLocked(user, now) && user.lockedUntil !== null) {
    await recordAudit(tx, ctx.clock, ctx.meta, { action, result: 'failure', actor: who(ctx), details: { reason: 'locked' } });
    return new AccountLocked(user.lockedUntil);
  }
  if (user.totpSecret === null) return new SecondFactorNotEnabled();
  const verdict = verifyTotp(user.totpSecret, code, now, user.totpLastStep);
  if (verdict.ok) {
    await updateUser(tx, user.id, { totpLastStep: verdict.step, failedLoginCount: 0, lockedUntil: null });
    return null;
  }
  if (verdict.reason === 'reused') {
    await recordAudit(tx, ctx.clock, ctx.meta, { action, result: 'failure', actor: who(ctx), details: { reason: 'reused_code' } });
    return new SecondFactorCodeReused();
  }
  const next = afterFailedLogin(user, now, ctx.policy);
  await updateUser(tx, user.id, { failedLoginCount: next.failedLoginCount, lockedUntil: next.lockedUntil });
  await recordAudit(tx, ctx.clock, ctx.meta, { action, result: 'failure', actor: who(ctx), details: { reason: 'wrong_code' } });
  if (next.lockedNow && next.lockedUntil !== null) {
    await recordAudit(tx, ctx.clock, ctx.meta, {
      action: 'account_locked',
      result: 'success',
      actor: who(ctx),
      target: { type: 'user', id: user.id },
      details: { lockedUntil: next.lockedUntil.toISOString(), reason: 'wrong_second_factor' },
    });
    const until = next.lockedUntil.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
    await enqueueNotifications(
      tx,
      composeMessage('account_locked', user, { username: user.username, displayName: user.displayName, until }, ['sms', 'email'], `account_locked:${user.id}:${now.getTime()}`, now),
    );
    await deleteUserSessions(tx, user.id);
    return new AccountLocked(next.lockedUntil);
  }
  return new SecondFactorCodeInvalid();
}

/**
 * After the password, the session of a user with TOTP posts the code; once it matches, the
 * session is complete (or goes on to a forced password change).
 * @throws SecondFactorNotPending   this session already passed (or its user has no second factor)
 * @throws SecondFactorCodeInvalid  wrong code (counted toward the lockout)
 * @throws SecondFactorCodeReused   the code's time step was already used
 * @throws AccountLocked            the account is locked (now, or already)
 */
export const verifySecondFactor = async (ctx: Ctx, tokenHash: string, restriction: string | null, code: string): Promise<SessionView> => {
  await committing(ctx, async (tx, user) => {
    if (restriction !== 'second_factor') return { error: new SecondFactorNotPending() };
    const error = await checkEnrolledCode(tx, ctx, user, code, 'second_factor_verify');
    if (error !== null) return { error };
    await markSessionSecondFactor(tx, tokenHash, ctx.clock.now());
    await recordAudit(tx, ctx.clock, ctx.meta, { action: 'second_factor_verify', result: 'success', actor: who(ctx) });
    return { value: undefined };
  });
  return sessionView(ctx, tokenHash);
};

export interface EnrolmentView {
  /** Base32, for typing into the app by hand. */
  secret: string;
  otpauthUri: string;
  /** The URI as a QR code (SVG). */
  qrSvg: string;
  expiresAt: string;
}

/**
 * Starts setting up TOTP: a fresh secret is kept as pending (replacing any earlier pending one)
 * and shown once, with its otpauth:// URI and QR code. Nothing changes until it is confirmed.
 * @throws SecondFactorAlreadyEnabled
 */
export async function startEnrolment(ctx: Ctx): Promise<EnrolmentView> {
  const now = ctx.clock.now();
  const secret = newTotpSecret();
  await committing(ctx, async (tx, user) => {
    if (user.totpEnabledAt !== null) return { error: new SecondFactorAlreadyEnabled() };
    await updateUser(tx, user.id, { totpPendingSecret: secret, totpPendingAt: now });
    return { value: undefined };
  });
  const uri = otpauthUri(totpIssuer, ctx.actor.username, secret);
  return {
    secret,
    otpauthUri: uri,
    qrSvg: await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }),
    expiresAt: new Date(now.getTime() + enrolmentTtlMs).toISOString(),
  };
}

/**
 * Confirms the pending secret with a code from the app: TOTP is on from now, this session counts
 * as having passed it, and the user's other sessions (which did not) end.
 * @throws SecondFactorAlreadyEnabled / SecondFactorEnrolmentExpired (none pending, or too old)
 * @throws SecondFactorCodeInvalid  (not counted toward the lockout: the secret was just shown
 *                                   to this session, so a guess gains nothing)
 */
export const confirmEnrolment = async (ctx: Ctx, tokenHash: string, code: string): Promise<SessionView> => {
  await committing(ctx, async (tx, user) => {
    const now = ctx.clock.now();
    if (user.totpEnabledAt !== null) return { error: new SecondFactorAlreadyEnabled() };
    if (user.totpPendingSecret === null || user.totpPendingAt === null || now.getTime() - user.totpPendingAt.getTime() > enrolmentTtlMs) {
      return { error: new SecondFactorEnrolmentExpired() };
    }
    const verdict = verifyTotp(user.totpPendingSecret, code, now, null);
    if (!verdict.ok) {
      await recordAudit(tx, ctx.clock, ctx.meta, { action: 'second_factor_enrol', result: 'failure', actor: who(ctx), details: { reason: 'wrong_code' } });
      return { error: new SecondFactorCodeInvalid() };
    }
    await updateUser(tx, user.id, {
      totpSecret: user.totpPendingSecret,
      totpEnabledAt: now,
      totpLastStep: verdict.step,
      totpPendingSecret: null,
      totpPendingAt: null,
      version: user.version + 1,
      updatedAt: now,
    });
    await markSessionSecondFactor(tx, tokenHash, now);
    await deleteUserSessions(tx, user.id, tokenHash);
    await recordAudit(tx, ctx.clock, ctx.meta, { action: 'second_factor_enrol', result: 'success', actor: who(ctx) });
    return { value: undefined };
  });
  return sessionView(ctx, tokenHash);
};

/**
 * A 经办人 turns their second factor off with a current code (a wrong one counts toward the
 * lockout). Roles that require it cannot.
 * @throws SecondFactorMandatory / SecondFactorNotEnabled / SecondFactorCodeInvalid / SecondFactorCodeReused / AccountLocked
 */
export const disableSecondFactor = async (ctx: Ctx, tokenHash: string, code: string): Promise<SessionView> => {
  await committing(ctx, async (tx, user) => {
    if (secondFactorRequired(user.role)) return { error: new SecondFactorMandatory() };
    if (user.totpEnabledAt === null) return { error: new SecondFactorNotEnabled() };
    const error = await checkEnrolledCode(tx, ctx, user, code, 'second_factor_disable');
    if (error !== null) return { error };
    const now = ctx.clock.now();
    await updateUser(tx, user.id, {
      ...withoutSecondFactor,
      version: user.version + 1,
      updatedAt: now,
    });
    await recordAudit(tx, ctx.clock, ctx.meta, { action: 'second_factor_disable', result: 'success', actor: who(ctx) });
    return { value: undefined };
  });
  return sessionView(ctx, tokenHash);
};
