import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { count } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { insertUser } from '../../db/repositories/users.js';
import { domains, regions, units, users, websites } from '../../db/schema/index.js';
import { formatBadgeNumber, newBadgePublicId } from '../../domain/websites/badge.js';
import { websiteDescriptionTemplate } from '../../domain/websites/description.js';
import type { Role } from '../../domain/types.js';
import { organisationCodeCheck, usccCheckCharacter } from '../../domain/validators/uscc.js';
import { validateChineseDomain } from '../../domain/validators/chinese-domain.js';
import { hashPassword } from '../auth/password-hashing.js';
import { newTotpSecret } from '../auth/second-factor.js';
import { randomPassword } from '../auth/tokens.js';
import { secondFactorRequired } from '../../domain/accounts/totp.js';
import { demoRegions, demoUnits } from './demo-data.js';

export interface DemoAccount {
  role: Role;
  username: string;
  password: string;
  /** The unit's Chinese domain for a 经办人, the region code for an office reviewer, '-' otherwise. */
  scope: string;
  /** DEMO ONLY: the TOTP secret (base32) of the second factor the role requires, set up at seeding
   * so the demo logins work at once; null for a 经办人 (optional for them, off in the demo). */
  totpSecret: string | null;
}

const regionPath = (code: string): string => {
  const chain: string[] = [];
  for (let c: string | null = code; c !== null; ) {
    const current: string = c;
    chain.unshift(current);
    c = demoRegions.find((r) => r.code === current)?.parentCode ?? null;
  }
  return chain.join('/');
};

const uscc = (type: 'party_government' | 'public_institution', regionCode: string, body: string) => {
  const first17 = `1${type === 'party_government' ? '1' : '2'}${regionCode}${body}${organisationCodeCheck(body)}`;
  return first17 + usccCheckCharacter(first17);
};

export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  return (row?.n ?? 0) === 0;
}

/** Fills an empty database with the demo world and returns the accounts with their passwords. */
export async function seedDemo(db: Db, now: Date): Promise<DemoAccount[]> {
  const accounts: DemoAccount[] = [];
  await db.transaction(async (tx) => {
    await tx.insert(regions).values(demoRegions.map((r) => ({ ...r, path: regionPath(r.code) })));
    const addUser = async (a: Omit<DemoAccount, 'password' | 'totpSecret'>, values: Partial<typeof users.$inferInsert> & { displayName: string }) => {
      const password = randomPassword();
      const totpSecret = secondFactorRequired(a.role) ? newTotpSecret() : null;
      // Through the repository: mobile, email and TOTP secret are sealed like any account's.
      await insertUser(tx, {
        username: a.username,
        role: a.role,
        passwordHash: await hashPassword(password),
        passwordChangedAt: now,
        createdAt: now,
        updatedAt: now,
        ...(totpSecret === null ? {} : { totpSecret, totpEnabledAt: now }),
        ...values,
      });
      accounts.push({ ...a, password, totpSecret });
    };
    let serial = 0;
    for (const u of demoUnits) {
      const [unit] = await tx
        .insert(units)
        .values({
          name: u.name,
          type: u.type,
          uscc: uscc(u.type, u.regionCode, u.organisationCodeBody),
          regionCode: u.regionCode,
          regionPath: regionPath(u.regionCode),
          address: u.address,
          functions: u.functions,
          leaderName: u.leaderName,
          phone: u.phone,
          createdAt: now,
        })
        .returning();
      if (unit === undefined) throw new Error('unit insert returned nothing');
      const domain = validateChineseDomain(`${u.name}.${u.type === 'party_government' ? '政务' : '公益'}`);
      if (!domain.ok) throw new Error(`demo domain invalid: ${domain.message}`);
      const registeredAt = new Date(now.getTime() - 400 * 86_400_000);
      const [d] = await tx
        .insert(domains)
        .values({
          unitId: unit.id,
          name: domain.value.unicode,
          ace: domain.value.ace,
          tld: domain.value.tld,
          registeredAt,
          expiresAt: new Date(registeredAt.getTime() + 3 * 365 * 86_400_000),
          createdAt: now,
        })
        .returning();
      if (d === undefined) throw new Error('domain insert returned nothing');
      serial += 1;
      await tx.insert(websites).values({
        unitId: unit.id,
        domainId: d.id,
        name: u.website.name,
        hosting: u.website.hosting,
        englishDomain: u.website.englishDomain,
        ipAddresses: u.website.ipAddresses,
        description: websiteDescriptionTemplate(u.name),
        redPageAddress: u.website.hosting === 'red_page' ? u.address : null,
        redPageFunctions: u.website.hosting === 'red_page' ? u.functions : null,
        redPagePhone: u.website.hosting === 'red_page' ? u.phone : null,
        status: 'active',
        badgePublicId: newBadgePublicId(),
        badgeNumber: formatBadgeNumber(u.regionCode, registeredAt.getUTCFullYear(), serial),
        badgeVersion: 1,
        badgeIssuedAt: registeredAt,
        createdAt: now,
        updatedAt: now,
      });
      await addUser(
        { role: 'handler', username: `jbr.${u.key}`, scope: domain.value.unicode },
        { displayName: u.handler.displayName, unitId: unit.id, mobile: u.handler.mobile, email: u.handler.email },
      );
    }
    for (const r of demoRegions.filter((x) => x.level !== 'county')) {
      await addUser(
        { role: 'office_reviewer', username: `bb.${r.code}`, scope: r.code },
        { displayName: `${r.name}编办审核员`, regionCode: r.code, mobile: null, email: `bb${r.code}@example.com` },
      );
    }
    await addUser({ role: 'center_reviewer', username: 'center', scope: '-' }, { displayName: '中心审核员' });
    await addUser({ role: 'admin', username: 'admin', scope: '-' }, { displayName: '系统管理员' });
    await addUser({ role: 'auditor', username: 'auditor', scope: '-' }, { displayName: '审计管理员' });
  });
  return accounts;
}

export const demoAccountsFile = (dataDir: string) => path.join(dataDir, 'demo-accounts.txt');

const demoAccountsHeader =
  '# DEMO ONLY. role<TAB>username<TAB>password<TAB>scope<TAB>TOTP secret (二次验证 of reviewers, admin, auditor: add it to an authenticator app, or run `npx zhengming demo-code <username>`)';

/** A comment line, then one account a line, `role<TAB>username<TAB>password<TAB>scope<TAB>totpSecret`
 * ('-' without one), readable by the owner only. */
export async function writeDemoAccounts(dataDir: string, accounts: DemoAccount[]): Promise<string> {
  const file = demoAccountsFile(dataDir);
  await mkdir(dataDir, { recursive: true });
  const text = [demoAccountsHeader, ...accounts.map((a) => [a.role, a.username, a.password, a.scope, a.totpSecret ?? '-'].join('\t'))].join('\n') + '\n';
  await writeFile(file, text, { mode: 0o600 });
  await chmod(file, 0o600);
  return file;
}

/** The accounts `writeDemoAccounts` wrote (comment lines skipped). */
export async function readDemoAccounts(dataDir: string): Promise<DemoAccount[]> {
  const text = await readFile(demoAccountsFile(dataDir), 'utf8');
  return text
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => {
      const [role, username, password, scope, totp] = l.split('\t');
      return { role: role as Role, username: username ?? '', password: password ?? '', scope: scope ?? '-', totpSecret: totp === undefined || totp === '-' ? null : totp };
    });
}
