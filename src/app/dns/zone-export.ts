import type { Db } from '../../db/client.js';
import { zoneContents, zoneSerial } from '../../db/repositories/dns.js';
import { redPageRecords, renderMasterFile, toWireRecords, type Edge, type Zone, type ZoneRecord } from '../../domain/dns/zone.js';
import { chineseTldAce } from '../../domain/validators/chinese-domain.js';

export interface ZoneSettings {
  /** Primary (hidden) name server and the public secondaries, FQDNs. */
  mname: string;
  rname: string;
  ns: string[];
  edge: Edge;
}

/**
 * The TLD zone as the hidden primary publishes it: every active domain's records (URL转发 names
 * answer with the edge), and `@`/`www` of domains whose website is on 网络红页 with no records of
 * their own at those names.
 */
export async function buildZone(db: Db, tld: '政务' | '公益', s: ZoneSettings): Promise<Zone> {
  const apex = chineseTldAce[tld];
  const records: ZoneRecord[] = [];
  for (const { domain, records: rows, redPage } of await zoneContents(db, tld)) {
    const own = toWireRecords(domain.ace, rows.map((r) => r.spec), s.edge);
    records.push(...own);
    if (redPage) {
      const taken = new Set(own.map((r) => r.owner));
      records.push(...redPageRecords(domain.ace, s.edge).filter((r) => !taken.has(r.owner)));
    }
  }
  const serial = Math.max(1, await zoneSerial(db, apex));
  return { apex, soa: { mname: s.mname, rname: s.rname, serial, refresh: 3600, retry: 600, expire: 1_209_600, minimum: 300 }, ns: s.ns, records };
}

export async function exportZone(db: Db, tld: '政务' | '公益', s: ZoneSettings): Promise<string> {
  return renderMasterFile(await buildZone(db, tld, s));
}
