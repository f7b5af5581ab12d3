import type { Db } from '../../db/client.js';
import { zoneSerial, type DomainZoneContents } from '../../db/repositories/dns.js';
import { parseScanLine, zoneLines } from '../../db/repositories/zone-lines.js';
import { readSnapshot } from '../../db/snapshot.js';
import {
  harmoniseTtls,
  redPageRecords,
  renderMasterFile,
  toWireRecordsUnordered,
  wireRecordsOfSpec,
  type Edge,
  type Zone,
  type ZoneRecord,
  type SpecValues,
  type ZoneSoa,
} from '../../domain/dns/zone.js';
import { isRecordType } from '../../domain/dns/types.js';
import { chineseTldAce } from '../../domain/validators/chinese-domain.js';

export interface ZoneSettings {
  /** Primary (hidden) name server and the public secondaries, FQDNs. */
  mname: string;
  rname: string;
  ns: string[];
  edge: Edge;
}

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

/**
 * The TLD zone as the hidden primary publishes it, in canonical order: the same RRs
 * `domainWireRecords` gives domain by domain, read as the primary's build reads them (one query
 * in one read-only snapshot, `db/repositories/zone-lines.ts`), with RRset TTLs harmonised.
 */
export async function buildZone(db: Db, tld: '政务' | '公益', s: ZoneSettings): Promise<Zone> {
  const apex = chineseTldAce[tld];
  return readSnapshot(db, async (tx, copyLines) => {
    const serial = await zoneSerial(tx, apex);
    const scan = zoneLines(tx, tld, copyLines);
    const records: ZoneRecord[] = [];
    /** Owners holding a record: a 网络红页 domain's edge addresses go only where it has none. */
    const taken = new Set<string>();
    for await (const lines of scan.lines()) {
      for (const line of lines) {
        const row = parseScanLine(line);
        if (row === null || !isRecordType(row.type)) continue;
        const spec: SpecValues = row.priority === null ? { owner: row.owner, ttl: row.ttl, type: row.type, value: row.value } : { owner: row.owner, ttl: row.ttl, type: row.type, value: row.value, priority: row.priority };
        let own: ZoneRecord[];
        try {
          own = wireRecordsOfSpec(row.domain, spec, s.edge);
        } catch {
          continue; // a stored spec outside its domain cannot be published; the record rules never write one
        }
        for (const r of own) {
          taken.add(r.owner);
          records.push(r);
        }
      }
    }
    for (const ace of new Set(scan.redPage())) for (const r of redPageRecords(ace, s.edge)) if (!taken.has(r.owner)) records.push(r);
    return { apex, soa: zoneSoa(s, serial), ns: s.ns, records: harmoniseTtls(records) };
  });
}

export async function exportZone(db: Db, tld: '政务' | '公益', s: ZoneSettings): Promise<string> {
  return renderMasterFile(await buildZone(db, tld, s));
}
