/**
 * The reviewers and the other staff of the national seed: two 编办审核员 per region (`bs<code>a`,
 * `bs<code>b`), 20 中心审核员 (`zx01`…`zx20`), a 系统管理员 and a 审计管理员. They share the
 * benchmark's password and TOTP secret (second factor required for their roles), so bench/scale.ts
 * can log in as any of them.
 */
import type pg from 'pg';
import { insertColumns } from './organisations.js';
import { contactFor, mobileSearchHash, purposes, stored } from './personal.js';
import type { BenchRegion } from './regions.js';
import { benchId } from './units.js';

/** The benchmark's password of every seeded account, and the reviewers' TOTP secret (base32). */
export const benchPassword = 'Bench-Zhengming-2026!';
export const benchTotpSecret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
export const centreReviewers = 20;

export async function insertStaff(c: pg.Client, regions: BenchRegion[], passwordHash: string, now: Date): Promise<void> {
  const rows: unknown[][] = [];
  const add = (id: string, username: string, role: string, regionCode: string | null, n: number) => {
    const p = contactFor(900_000_000 + n, regionCode ?? '110000');
    rows.push([id, username, p.name, role, regionCode, stored(purposes.userMobile, p.mobile), mobileSearchHash(p.mobile), stored(purposes.userEmail, p.email), passwordHash, now, now, now, stored(purposes.userTotpSecret, benchTotpSecret), now]);
  };
  regions.forEach((r, i) => {
    add(benchId('o', `${r.code}a`), `bs${r.code}a`, 'office_reviewer', r.code, 2 * i);
    add(benchId('o', `${r.code}b`), `bs${r.code}b`, 'office_reviewer', r.code, 2 * i + 1);
  });
  for (let i = 0; i < centreReviewers; i++) add(benchId('c', i), `zx${String(i + 1).padStart(2, '0')}`, 'center_reviewer', null, 100_000 + i);
  add(benchId('admin', 1), 'admin', 'admin', null, 200_000);
  add(benchId('auditor', 1), 'sj01', 'auditor', null, 200_001);
  await insertColumns(
    c,
    'users',
    [['id', 'uuid'], ['username', 'text'], ['display_name', 'text'], ['role', 'text'], ['region_code', 'text'], ['mobile', 'text'], ['mobile_hash', 'text'], ['email', 'text'], ['password_hash', 'text'], ['password_changed_at', 'timestamptz'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['totp_secret', 'text'], ['totp_enabled_at', 'timestamptz']],
    rows,
  );
}
