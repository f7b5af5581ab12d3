/**
 * Registration data as RDAP and WHOIS publish it: the domain, its registrant unit's public
 * record and the name servers. There is deliberately no field here for a person: neither the
 * 经办人 (name, mobile, email, ID number) nor the unit's 负责人 or phone ever reaches these
 * protocols, so the presenters cannot leak what they are never given.
 */
import type { DomainStatus, UnitType } from '../types.js';

export interface RegistrantRecord {
  /** The unit's 统一社会信用代码: public, stable, and the RDAP entity handle. */
  handle: string;
  name: string;
  type: UnitType;
  /** Region names from the province down, e.g. ['浙江省', '杭州市', '桐庐县']. */
  regions: string[];
  address: string;
}

export interface DomainRecord {
  /** Repository object id (ROID style: `<hex>-ZM`). */
  handle: string;
  unicode: string;
  ace: string;
  status: DomainStatus;
  registeredAt: Date;
  expiresAt: Date;
  /** The last change to what the domain publishes (its records or hosting), else its registration. */
  lastChangedAt: Date;
  registrant: RegistrantRecord;
  /** Name servers (ACE, lower case, no trailing dot): the domain's own NS at `@` when it has them, else the TLD zone's. */
  nameservers: string[];
  delegated: boolean;
}

export const roidSuffix = 'ZM';

/** ROID of a domain from its row id: hex without dashes, upper case, registry suffix. */
export const domainHandle = (id: string): string => `${id.replace(/-/g, '').toUpperCase()}-${roidSuffix}`;

/** RDAP status values (RFC 9083 §10.2.2, the IANA registry). An expired or deregistered name is out of the zone. */
export const rdapStatus: Record<DomainStatus, string[]> = {
  active: ['active'],
  expired: ['inactive'],
  deregistered: ['inactive'],
};

/** The same for WHOIS, in EPP spelling as WHOIS clients expect it, with the console's label. */
export const whoisStatus: Record<DomainStatus, string> = {
  active: 'ok (正常)',
  expired: 'inactive (已过期)',
  deregistered: 'inactive (已注销)',
};

/** A 统一社会信用代码 as an entity handle: 18 characters of the GB 32100 alphabet, upper case. */
export function parseEntityHandle(input: string): string | null {
  const h = input.trim().toUpperCase();
  return /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(h) ? h : null;
}
