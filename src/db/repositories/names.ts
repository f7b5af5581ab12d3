import { and, eq } from 'drizzle-orm';
import type { BusinessScope } from '../../domain/access/scope.js';
import type { Db } from '../client.js';
import { domains, units, websites } from '../schema/index.js';
import { unitScopeCondition } from './scope.js';

export function listDomainsInScope(db: Db, scope: BusinessScope, limit: number) {
  return db
    .select({ domain: domains, unitName: units.name })
    .from(domains)
    .innerJoin(units, eq(units.id, domains.unitId))
    .where(unitScopeCondition(scope))
    .orderBy(units.name, domains.name)
    .limit(limit);
}

const websiteColumns = { website: websites, unitName: units.name, domainName: domains.name };

export function listWebsitesInScope(db: Db, scope: BusinessScope, limit: number) {
  return db
    .select(websiteColumns)
    .from(websites)
    .innerJoin(units, eq(units.id, websites.unitId))
    .innerJoin(domains, eq(domains.id, websites.domainId))
    .where(unitScopeCondition(scope))
    .orderBy(units.name, websites.name)
    .limit(limit);
}

export async function findWebsiteInScope(db: Db, scope: BusinessScope, id: string) {
  const rows = await db
    .select(websiteColumns)
    .from(websites)
    .innerJoin(units, eq(units.id, websites.unitId))
    .innerJoin(domains, eq(domains.id, websites.domainId))
    .where(and(eq(websites.id, id), unitScopeCondition(scope)))
    .limit(1);
  return rows[0];
}

export async function findDomainInScope(db: Db, scope: BusinessScope, id: string) {
  const rows = await db
    .select({ domain: domains, unitName: units.name })
    .from(domains)
    .innerJoin(units, eq(units.id, domains.unitId))
    .where(and(eq(domains.id, id), unitScopeCondition(scope)))
    .limit(1);
  return rows[0];
}
