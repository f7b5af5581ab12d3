import { apexNameservers, findPublicDomainByAce, lastZoneChangeOf } from '../../db/repositories/registration-data.js';
import { InvalidInput, NotFound } from '../../domain/errors.js';
import { parseQueryName } from '../../domain/registration-data/query-name.js';
import { domainHandle, type DomainRecord } from '../../domain/registration-data/record.js';
import type { AppContext } from '../context.js';
import { registrantRecord } from './registrant.js';

export interface LookupDomainInput {
  /** As the client sent it: Unicode or ACE, any case, trailing dot or not. */
  name: string;
  /** The TLD zones' apex NS, answered for a domain that is not delegated. */
  zoneNameservers: readonly string[];
}

/**
 * The public registration data of one domain (RDAP domain lookup, WHOIS). Anonymous: there is no
 * actor, and nothing personal is read.
 * @throws InvalidInput  MALFORMED_DOMAIN_NAME: the text is not a domain name (400)
 * @throws NotFound      no such domain with us (404)
 */
export async function lookupDomain(app: AppContext, input: LookupDomainInput): Promise<DomainRecord> {
  const q = parseQueryName(input.name);
  if (!q.ok) throw new InvalidInput('MALFORMED_DOMAIN_NAME', q.message, 'name');
  const row = await findPublicDomainByAce(app.db, q.ace);
  if (row === undefined) throw new NotFound('域名');
  const [own, changed, registrant] = await Promise.all([
    apexNameservers(app.db, row.id),
    lastZoneChangeOf(app.db, row.id),
    registrantRecord(app.db, row.registrant),
  ]);
  const delegated = own.length > 0;
  const nameservers = (delegated ? own.map((r) => r.value) : [...input.zoneNameservers]).map((n) => n.replace(/\.$/, '').toLowerCase());
  return {
    handle: domainHandle(row.id),
    unicode: row.name,
    ace: row.ace,
    status: row.status,
    registeredAt: row.registeredAt,
    expiresAt: row.expiresAt,
    lastChangedAt: changed !== null && changed > row.registeredAt ? changed : row.registeredAt,
    registrant,
    nameservers,
    delegated,
  };
}
