import { eq, like, sql, type SQL } from 'drizzle-orm';
import type { BusinessScope } from '../../domain/access/scope.js';
import { units } from '../schema/index.js';

/** The WHERE condition on `units` (joined in the query) for an actor's business scope. */
export function unitScopeCondition(scope: BusinessScope): SQL | undefined {
  switch (scope.kind) {
    case 'unit':
      return eq(units.id, scope.unitId);
    case 'region':
      return like(units.regionPath, `${scope.regionPath.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    case 'all':
      return undefined;
    case 'none':
      return sql`false`;
  }
}
