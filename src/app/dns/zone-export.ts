import type { Db } from '../../db/client.js';
import { zoneContentsPage, zoneSerial, type DomainZoneContents } from '../../db/repositories/dns.js';
import { redPageRecords, renderMasterFile, toWireRecordsUnordered, type Edge, type Zone, type ZoneRecord, type ZoneSoa } from '../../domain/dns/zone.js';
import { chineseTldAce } from '../../domain/validators/chinese-domain.js';

export interface ZoneSettings {
  /** Primary (hidden) name server and the public secondaries, FQDNs. */
  mname: string;
  rname: string;
  ns: string[];
  edge: Edge;
}

/** Domains read per query when a whole zone is built. */
const pageSize = 5_000;

/**
 * What one domain publishes in its TLD zone: its records (URL转发 names answer with the edge),
 * and `@`/`www` with the edge's addresses when its website is on 网络红页 and it has no records
 * of its own at those names. An inactive domain publishes nothing.
 */
export function domainWireRecords(c: DomainZoneContents, edge: Edge): ZoneRecord[] {
  if (c.domain.status !== 'active') return [];
  const own = toWireRecordsUnordered(c.domain.ace, c.records.map((r) => r.spec), edge);
  if (!c.redPage) return own;
  const taken = new Set(own.map((r) => r.owner));
  return [...own, ...redPageRecords(c.domain.ace, edge).filter((r) => !taken.has(r.owner))];
}

export function zoneSoa(s: ZoneSettings, serial: number): ZoneSoa {
  return { mname: s.mname, rname: s.rname, serial: Math.max(1, serial), refresh: 3600, retry: 600, expire: 1_209_600, minimum: 300 };
}

/** Every active domain of a TLD with what it publishes, page by page in id order. */
export async function* zoneDomains(db: Db, tld: '政务' | '公益', edge: Edge): AsyncGenerator<{ ace: string; records: ZoneRecord[] }> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const page = await zoneContentsPage(db, tld, after, pageSize);
    for (const c of page) yield { ace: c.domain.ace, records: domainWireRecords(c, edge) };
    const last = page.at(-1);
    if (last === undefined || page.length < pageSize) return;
    after = last.domain.id;
  }
}

/** The TLD zone as the hidden primary publishes it. Read it in one snapshot (see `source.ts`). */
export async function buildZone(db: Db, tld: '政务' | '公益', s: ZoneSettings): Promise<Zone> {
  const apex = chineseTldAce[tld];
  const records: ZoneRecord[] = [];
  for await (const d of zoneDomains(db, tld, s.edge)) for (const r of d.records) records.push(r);
  return { apex, soa: zoneSoa(s, await zoneSerial(db, apex)), ns: s.ns, records };
}

export async function exportZone(db: Db, tld: '政务' | '公益', s: ZoneSettings): Promise<string> {
  return renderMasterFile(await buildZone(db, tld, s));
}
