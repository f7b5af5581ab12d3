import { randomBytes } from 'node:crypto';
import { hashPassword } from '../../src/app/auth/password-hashing.js';
import { newTotpSecret } from '../../src/app/auth/second-factor.js';
import { secondFactorRequired } from '../../src/domain/accounts/totp.js';
import type { Db } from '../../src/db/client.js';
import { findUserById, insertUser } from '../../src/db/repositories/users.js';
import { domains, regions, units, websites } from '../../src/db/schema/index.js';
import type { Role, UnitType } from '../../src/domain/types.js';
import { organisationCodeCheck, usccCheckCharacter } from '../../src/domain/validators/uscc.js';
import { toAce } from '../../src/domain/validators/chinese-domain.js';
import { newBadgePublicId } from '../../src/domain/websites/badge.js';

/** Factories build their own parents, so a test states only what it is about. */

const suffix = () => randomBytes(3).toString('hex');
export const knownPassword = 'Zhengming#2026';

const regionTree: Record<string, { name: string; level: 'province' | 'city' | 'county'; parent: string | null }> = {
  '330000': { name: '浙江省', level: 'province', parent: null },
  '330100': { name: '杭州市', level: 'city', parent: '330000' },
  '330200': { name: '宁波市', level: 'city', parent: '330000' },
  '330122': { name: '桐庐县', level: 'county', parent: '330100' },
  '440000': { name: '广东省', level: 'province', parent: null },
  '440100': { name: '广州市', level: 'city', parent: '440000' },
};

export async function ensureRegion(db: Db, code: string): Promise<{ code: string; path: string }> {
  const r = regionTree[code];
  if (r === undefined) throw new Error(`no test region ${code}`);
  const parentPath = r.parent === null ? '' : `${(await ensureRegion(db, r.parent)).path}/`;
  const path = `${parentPath}${code}`;
  await db.insert(regions).values({ code, name: r.name, level: r.level, parentCode: r.parent, path }).onConflictDoNothing();
  return { code, path };
}

let orgSerial = 10_000_000 + Math.floor(Math.random() * 80_000_000);

export async function buildUnit(db: Db, o: { regionCode?: string; type?: UnitType; name?: string } = {}) {
  const region = await ensureRegion(db, o.regionCode ?? '330100');
  const type = o.type ?? 'party_government';
  const body = String(orgSerial++);
  const first17 = `1${type === 'party_government' ? '1' : '2'}${region.code}${body}${organisationCodeCheck(body)}`;
  const [unit] = await db
    .insert(units)
    .values({
      name: o.name ?? `测试单位${suffix()}`,
      type,
      uscc: first17 + usccCheckCharacter(first17),
      regionCode: region.code,
      regionPath: region.path,
      address: '测试地址1号',
      functions: '测试职能',
    })
    .returning();
  if (unit === undefined) throw new Error('no unit');
  return unit;
}

export async function buildDomainAndWebsite(db: Db, unitId: string) {
  const name = `测试${suffix()}.政务`;
  const ace = toAce(name);
  if (ace === null) throw new Error('bad test domain');
  const now = new Date();
  const [domain] = await db
    .insert(domains)
    .values({ unitId, name, ace, tld: '政务', registeredAt: now, expiresAt: new Date(now.getTime() + 365 * 86_400_000) })
    .returning();
  if (domain === undefined) throw new Error('no domain');
  const [website] = await db
    .insert(websites)
    .values({
      unitId,
      domainId: domain.id,
      name: `测试网站${suffix()}`,
      hosting: 'red_page',
      description: '测试简介',
      status: 'active',
      badgePublicId: newBadgePublicId(),
    })
    .returning();
  if (website === undefined) throw new Error('no website');
  return { domain, website };
}

export interface BuiltUser {
  id: string;
  username: string;
  password: string;
  role: Role;
  unitId: string | null;
  regionCode: string | null;
  /** The TOTP secret of the second factor a reviewer, admin or auditor is built with. */
  totpSecret: string | null;
}

let sharedHash: Promise<string> | undefined;

export async function buildUser(
  db: Db,
  o: {
    role?: Role;
    unitId?: string;
    regionCode?: string;
    mustChangePassword?: boolean;
    passwordChangedAt?: Date;
    mobile?: string | null;
    email?: string | null;
    /** Default: set up for the roles that require one (the client's `login` then types the
     * code); false: none yet, so the first login must set it up. */
    secondFactor?: boolean;
  } = {},
): Promise<BuiltUser> {
  const role = o.role ?? 'handler';
  let unitId: string | null = null;
  let regionCode: string | null = null;
  if (role === 'handler') unitId = o.unitId ?? (await buildUnit(db)).id;
  if (role === 'office_reviewer') regionCode = (await ensureRegion(db, o.regionCode ?? '330100')).code;
  sharedHash ??= hashPassword(knownPassword);
  const username = `u_${role}_${suffix()}`;
  const totpSecret = (o.secondFactor ?? secondFactorRequired(role)) ? newTotpSecret() : null;
  // Through the repository, so mobile, email and the TOTP secret are sealed as in production.
  const row = await insertUser(db, {
    username,
    displayName: `测试${role}`,
    role,
    unitId,
    regionCode,
    mobile: o.mobile === undefined ? '13900000000' : o.mobile,
    email: o.email === undefined ? `${username}@example.com` : o.email,
    passwordHash: await sharedHash,
    passwordChangedAt: o.passwordChangedAt ?? new Date(),
    mustChangePassword: o.mustChangePassword ?? false,
    ...(totpSecret === null ? {} : { totpSecret, totpEnabledAt: new Date(0) }),
  });
  return { id: row.id, username, password: knownPassword, role, unitId, regionCode, totpSecret };
}

/** The user's row as the use cases see it (personal fields opened). */
export async function userRow(db: Db, id: string) {
  const row = await findUserById(db, id);
  if (row === undefined) throw new Error('no such user');
  return row;
}
