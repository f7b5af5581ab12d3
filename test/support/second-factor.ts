import type { Clock } from '../../src/app/context.js';
import type { Db } from '../../src/db/client.js';
import { findUserByUsername, updateUser } from '../../src/db/repositories/users.js';
import { base32Decode, totpCode } from '../../src/domain/accounts/totp.js';

/** The code an authenticator app with `secret` shows at the test clock's time. */
export function codeAt(secret: string, at: Date): string {
  const key = base32Decode(secret);
  if (key === null) throw new Error(`bad TOTP secret ${secret}`);
  return totpCode(key, at);
}

/**
 * The code for a demo account's second factor at `clock`'s time, for the helpers that log in
 * (`ApiClient.login`, the browser's logIn); without `secret`, the one stored for the account. A code works once per 30-s step, but tests log in as one account
 * several times at one instant of their clock: rather than move the test's clock, the helper
 * forgets the step the account last spent. Test support only; second-factor.test.ts proves the
 * real rule (a reused code is refused).
 */
export async function freshDemoCode(db: Db, clock: Clock, username: string, secret?: string): Promise<string> {
  const user = await findUserByUsername(db, username);
  if (user === undefined) throw new Error(`no user ${username}`);
  const key = secret ?? user.totpSecret;
  if (key === null) throw new Error(`${username} has no second factor`);
  await updateUser(db, user.id, { totpLastStep: null });
  return codeAt(key, clock.now());
}
