import { deleteSession, findSessionWithUser, touchSession } from '../../db/repositories/sessions.js';
import type { Actor } from '../../domain/access/actor.js';
import { sessionRestriction, type SessionRestriction } from '../../domain/accounts/session-restriction.js';
import type { AppContext } from '../context.js';
import type { SessionRecord } from './session-view.js';
import { sha256Hex } from './tokens.js';

export interface ResolvedSession {
  tokenHash: string;
  record: SessionRecord;
  actor: Actor;
  csrfToken: string;
  /** What the session must do first (type the second factor's code, change the password, set up
   * the second factor): until then it may only reach the routes that allow that restriction. */
  restriction: SessionRestriction | null;
}

/** Writing last_seen_at on every request would make each read a write; a minute of slack on a
 * 30-minute idle timeout is the price of not doing so. */
const touchEveryMs = 60_000;

/** The session behind a cookie token, or null when there is none, it expired, or the account
 * was disabled. An expired session is deleted on sight. */
export async function resolveSession(app: AppContext, token: string): Promise<ResolvedSession | null> {
  const tokenHash = sha256Hex(token);
  const record = await findSessionWithUser(app.db, tokenHash);
  if (record === undefined) return null;
  const now = app.clock.now();
  const { session, user } = record;
  const idleExpired = now.getTime() - session.lastSeenAt.getTime() > app.policy.sessionIdleMs;
  if (idleExpired || session.absoluteExpiresAt <= now || user.disabled) {
    await deleteSession(app.db, tokenHash);
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > touchEveryMs) await touchSession(app.db, tokenHash, now);
  return {
    tokenHash,
    record,
    csrfToken: session.csrfToken,
    restriction: sessionRestriction(user, session.secondFactorAt, now, app.policy),
    actor: {
      id: user.id,
      username: user.username,
      role: user.role,
      unitId: user.unitId,
      regionCode: user.regionCode,
      regionPath: record.regionPath,
    },
  };
}
