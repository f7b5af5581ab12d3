import { findUserByUsername, insertUser } from '../db/repositories/users.js';
import { hashPassword } from '../app/auth/password-hashing.js';
import { randomPassword } from '../app/auth/tokens.js';
import { recordAudit } from '../app/audit/record.js';
import type { Config } from '../config.js';
import { consoleLog, openRuntime } from './runtime.js';

/** `zhengming admin create`: the way in on a PostgreSQL installation, where no demo is seeded. */
export async function createFirstAdmin(config: Config, username: string, displayName: string): Promise<number> {
  if (!/^[A-Za-z0-9_.-]{3,64}$/.test(username)) {
    console.error('用户名须为3–64个字母、数字、下划线、点或连字符 (invalid username)');
    return 2;
  }
  const { database, app } = await openRuntime(config, consoleLog);
  try {
    const password = randomPassword();
    const now = app.clock.now();
    const created = await app.db.transaction(async (tx) => {
      if ((await findUserByUsername(tx, username)) !== undefined) return false;
      const user = await insertUser(tx, {
        username,
        displayName: displayName.slice(0, 64),
        role: 'admin',
        passwordHash: await hashPassword(password),
        passwordChangedAt: now,
        mustChangePassword: true,
        createdAt: now,
        updatedAt: now,
      });
      await recordAudit(tx, app.clock, { ip: null, userAgent: 'cli' }, {
        action: 'user_create',
        result: 'success',
        actor: { id: null, username: 'cli' },
        target: { type: 'user', id: user.id },
        details: { username, role: 'admin' },
      });
      return true;
    });
    if (!created) {
      console.error(`用户 ${username} 已存在 (user exists)`);
      return 1;
    }
    console.log(`admin ${username} created; one-time password (must be changed at first login): ${password}`);
    return 0;
  } finally {
    await database.close();
  }
}
