import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { openApplicationForWebsite } from '../../db/repositories/applications.js';
import { findUnit } from '../../db/repositories/organisation.js';
import { findOwnDomain, findOwnWebsite, liveWebsiteOnDomain } from '../../db/repositories/websites.js';
import { applications } from '../../db/schema/index.js';
import {
  DeregistrationPending,
  DomainHasWebsite,
  DomainNotActive,
  NotOwnDomain,
  NotOwnWebsite,
  OpenApplicationExists,
  WebsiteNotActive,
} from '../../domain/applications/errors.js';
import { normalisePayload, type ApplicationPayload, type FormRuleOptions } from '../../domain/applications/payload.js';
import type { ValidationWarning } from '../../domain/validators/result.js';
import { NotFound } from '../../domain/errors.js';

export interface VerifiedForm {
  payload: ApplicationPayload;
  warnings: ValidationWarning[];
  unit: NonNullable<Awaited<ReturnType<typeof findUnit>>>;
  domainId: string;
  websiteId: string | null;
}

/**
 * The rules of a form that need the database: the domain or website is the unit's own and in a
 * state that allows the application, and no other application is open on it.
 * `ignoreApplicationId` is the application being revised (it is open itself); `rules` are the
 * deployment's additions to the form's rules (`formRulesOf`).
 */
export async function verifyForm(tx: Db, unitId: string, input: ApplicationPayload, ignoreApplicationId?: string, rules: FormRuleOptions = {}): Promise<VerifiedForm> {
  const unit = await findUnit(tx, unitId);
  if (unit === undefined) throw new NotFound('单位');
  const { payload, warnings } = normalisePayload(input, unit.type, rules);
  if (payload.type === 'new_site') {
    const domain = await findOwnDomain(tx, unit.id, payload.domainId);
    if (domain === undefined) throw new NotOwnDomain();
    if (domain.status !== 'active') throw new DomainNotActive();
    const live = await liveWebsiteOnDomain(tx, domain.id);
    if (live !== undefined) {
      const open = await openApplicationForWebsite(tx, live.id);
      if (open !== undefined && open.type === 'deregister') throw new DeregistrationPending(open.number);
      throw new DomainHasWebsite(live.name);
    }
    const [openNew] = await tx
      .select({ id: applications.id, number: applications.number })
      .from(applications)
      .where(and(eq(applications.domainId, domain.id), eq(applications.type, 'new_site'), inArray(applications.status, ['draft', 'pending_office', 'pending_center', 'pending_paper', 'returned'])))
      .limit(1);
    if (openNew !== undefined && openNew.id !== ignoreApplicationId) throw new OpenApplicationExists(openNew.number);
    return { payload, warnings, unit, domainId: domain.id, websiteId: null };
  }
  const website = await findOwnWebsite(tx, unit.id, payload.websiteId);
  if (website === undefined) throw new NotOwnWebsite();
  if (website.status !== 'active') throw new WebsiteNotActive();
  const open = await openApplicationForWebsite(tx, website.id);
  if (open !== undefined && open.id !== ignoreApplicationId) throw new OpenApplicationExists(open.number);
  return { payload, warnings, unit, domainId: website.domainId, websiteId: website.id };
}
