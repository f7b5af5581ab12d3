import type { SecurityPolicy } from '../../config.js';
import type { findSessionWithUser } from '../../db/repositories/sessions.js';
import { menuFor } from '../../domain/access/menu.js';
import { mustChangeReason, passwordExpiresAt } from '../../domain/accounts/login-rules.js';
import { sessionRestriction } from '../../domain/accounts/session-restriction.js';
import { secondFactorRequired } from '../../domain/accounts/totp.js';
import { roleLabel, unitTypeLabel } from '../../domain/types.js';

export type SessionRecord = NonNullable<Awaited<ReturnType<typeof findSessionWithUser>>>;

/** What `GET /api/session` and a successful login answer. */
export function presentSession(r: SessionRecord, policy: SecurityPolicy, now: Date) {
  const u = r.user;
  const reason = mustChangeReason(u, now, policy);
  return {
    user: {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      roleLabel: roleLabel[u.role],
      unit:
        u.unitId === null || r.unitName === null || r.unitType === null
          ? null
          : { id: u.unitId, name: r.unitName, type: r.unitType, typeLabel: unitTypeLabel[r.unitType] },
      region: u.regionCode === null || r.regionName === null ? null : { code: u.regionCode, name: r.regionName },
    },
    csrfToken: r.session.csrfToken,
    mustChangePassword: reason !== null,
    mustChangeReason: reason,
    passwordExpiresAt: passwordExpiresAt(u, policy)?.toISOString() ?? null,
    /** `second_factor`: POST the code to /api/session/second-factor; `password_change`; or
     * `second_factor_enrolment`: set up TOTP under /api/account/second-factor. */
    restriction: sessionRestriction(u, r.session.secondFactorAt, now, policy),
    secondFactor: {
      required: secondFactorRequired(u.role),
      enabled: u.totpEnabledAt !== null,
      enabledAt: u.totpEnabledAt?.toISOString() ?? null,
    },
    menu: menuFor(u.role),
  };
}
export type SessionView = ReturnType<typeof presentSession>;
