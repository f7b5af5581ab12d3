import type { Db } from '../../db/client.js';
import { zoneScan, zoneSerial, type DomainZoneContents } from '../../db/repositories/dns.js';
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
 * Everything a TLD zone publishes, as the same RRs `domainWireRecords` gives domain by domain,
 * read in sequential scans (no sorting, no per-domain queries) for a whole-zone build. Call it
 * inside one read-only snapshot. RRsets are not harmonised here: the consumer does it.
 */
export async function scanZoneRecords(tx: Db, tld: '政务' | '公益', edge: Edge): Promise<{ domains: number; batches: AsyncGenerator<ZoneRecord[]> }> {
  const scan = await zoneScan(tx, tld);
  async function* batches(): AsyncGenerator<ZoneRecord[]> {
    /** Owners holding a record in domains on 网络红页: the edge does not answer there. */
    const taken = new Set<string>();
    const red = scan.redPage.size > 0;
    for await (const rows of scan.records()) {
      const out: ZoneRecord[] = [];
      for (const row of rows) {
        if (!isRecordType(row.type)) continue;
        const spec: SpecValues = row.priority === null ? { owner: row.owner, ttl: row.ttl, type: row.type, value: row.value } : { owner: row.owner, ttl: row.ttl, type: row.type, value: row.value, priority: row.priority };
        let records: ZoneRecord[];
        try {
          records = wireRecordsOfSpec(row.domain, spec, edge);
        } catch {
          continue; // a stored spec outside its domain cannot be published; the record rules never write one
        }
        if (red && scan.redPage.has(row.domain)) for (const r of records) taken.add(r.owner);
        for (const r of records) out.push(r);
      }
      yield out;
    }
    let edgeRecords: ZoneRecord[] = [];
    for (const ace of scan.redPage) {
      for (const r of redPageRecords(ace, edge)) if (!taken.has(r.owner)) edgeRecords.push(r);
      if (edgeRecords.length >= 20_000) {
        yield edgeRecords;
        edgeRecords = [];
      }
    }
    yield edgeRecords;
  }
  return { domains: scan.domains, batches: batches() };
}

const snapshot = { isolationLevel: 'repeatable read', accessMode: 'read only' } as const;

/** The TLD zone as the hidden primary publishes it, in canonical order. */
export async function buildZone(db: Db, tld: '政务' | '公益', s: ZoneSettings): Promise<Zone> {
  const apex = chineseTldAce[tld];
  return db.transaction(async (tx) => {
    const serial = await zoneSerial(tx, apex);
    const records: ZoneRecord[] = [];
    const { batches } = await scanZoneRecords(tx, tld, s.edge);
    for await (const batch of batches) for (const r of batch) records.push(r);
    return { apex, soa: zoneSoa(s, serial), ns: s.ns, records: harmoniseTtls(records) };
  }, snapshot);
}

export async function exportZone(db: Db, tld: '政务' | '公益', s: ZoneSettings): Promise<string> {
  return renderMasterFile(await buildZone(db, tld, s));
}
