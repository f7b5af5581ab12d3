import { listRegions, searchUnitsWithRegion } from '../../db/repositories/organisation.js';
import { listUsers as findUsers, type UserListFilter } from '../../db/repositories/users.js';
import { unitTypeLabel } from '../../domain/types.js';
import type { Ctx } from '../context.js';
import { verifyAdmin } from './load.js';
import { presentAdminUser } from './present-user.js';

export async function listUsers(ctx: Ctx, filter: UserListFilter) {
  verifyAdmin(ctx);
  const { rows, total } = await findUsers(ctx.db, filter);
  return { items: rows.map(presentAdminUser), total };
}

/** Units to choose from when giving a 经办人 their unit: searched by name or USCC, or one by id. */
export async function listUnitsForAdmin(ctx: Ctx, f: { q?: string | undefined; id?: string | undefined; limit: number } = { limit: 20 }) {
  verifyAdmin(ctx);
  const rows = await searchUnitsWithRegion(ctx.db, f);
  return {
    items: rows.map(({ unit, regionName }) => ({
      id: unit.id,
      name: unit.name,
      type: unit.type,
      typeLabel: unitTypeLabel[unit.type],
      uscc: unit.uscc,
      region: { code: unit.regionCode, name: regionName },
    })),
  };
}

/** The region tree is public knowledge (GB/T 2260); any logged-in user may read it. */
export async function listAllRegions(ctx: Ctx) {
  const rows = await listRegions(ctx.db);
  return { items: rows.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parentCode })) };
}
