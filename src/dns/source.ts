/**
 * The zones the primary serves, kept in step with the database. At start each TLD zone is built
 * whole (one read-only snapshot: every record joined to its active domain by the database, one
 * text line per record, then the 网络红页 domains and the count, all by one query
 * (`db/repositories/zone-lines.ts`; COPY on PostgreSQL, a cursor on PGlite) read while the store
 * builds each domain's entry in place). After that the `zone_changes` journal — written in the
 * same transaction as every record change, hosting switch or deregistration — says which domains
 * changed since the last reload; only those are read again and applied to the in-memory zone,
 * whose own journal of differences serves IXFR.
 * `watch` polls for new journal rows and tells listeners (NOTIFY) about each new serial.
 */
import type { Db } from '../db/client.js';
import { lastZoneChangeId, zoneChangesAfter, zoneContentsOfDomains, zoneSerial } from '../db/repositories/dns.js';
import { domainWireRecords, zoneSoa, type ZoneSettings } from '../app/dns/zone-export.js';
import type { ZoneRecord } from '../domain/dns/zone.js';
import { chineseTldAce } from '../domain/validators/chinese-domain.js';
import type { Zones } from './answer.js';
import type { DnsLog } from './server.js';
import { ZoneEntryLoader } from './zone-build.js';
import { zoneLines } from '../db/repositories/zone-lines.js';
import { readSnapshot } from '../db/snapshot.js';
import { ZoneStore, type JournalLimits } from './zone-store.js';

const tlds = ['政务', '公益'] as const;
type Tld = (typeof tlds)[number];

/** More journal rows than this since the last reload: rebuilding the zone is cheaper. */
const maxIncremental = 20_000;

export interface ZoneSourceOptions {
  /** How much history each zone keeps for IXFR. */
  journal?: JournalLimits;
}

export interface ReloadResult {
  apex: string;
  serial: number;
  kind: 'full' | 'incremental';
  /** Domains re-read (incremental), or in the zone (full). */
  domains: number;
}

export interface ZoneSource {
  /** The current stores, by apex (ACE). Pass `() => source.zones()` to the server. */
  zones(): Zones;
  /**
   * Resolves once the zones of the latest full build have their transfer messages encoded: until
   * then an AXFR encodes what it sends (at 1,000,000 domains, seconds slower than after).
   */
  warmed(): Promise<void>;
  /** Applies the journal since the last reload (rebuilds everything with `force`); what moved. */
  reload(opts?: { force?: boolean }): Promise<ReloadResult[]>;
  /**
   * Polls the journal every `ms` and reloads; returns the stop function, whose promise settles
   * once a reload under way has finished.
   */
  watch(ms: number, log?: DnsLog): () => Promise<void>;
  /** Called after each reload that moved a zone's serial (the NOTIFY sender listens here). */
  onChange(listener: (apex: string, serial: number) => void): void;
}

interface ZoneState {
  store: ZoneStore;
  /** The newest `zone_changes.id` applied. */
  lastChangeId: number;
}

/**
 * Encodes a new zone's transfer messages in the background, a few buckets per turn of the event
 * loop (queries and transfers are answered between them); resolves once every bucket is encoded.
 */
function warm(store: ZoneStore | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (store === undefined) return resolve();
    const step = () => {
      if (store.encodeBuckets(16)) resolve();
      else setImmediate(step);
    };
    setImmediate(step);
  });
}

const snapshot = { isolationLevel: 'repeatable read', accessMode: 'read only' } as const;

export async function createZoneSource(db: Db, settings: ZoneSettings, options: ZoneSourceOptions = {}): Promise<ZoneSource> {
  const states = new Map<string, ZoneState>();
  let current: Map<string, ZoneStore> = new Map();
  const listeners: ((apex: string, serial: number) => void)[] = [];
  let running: Promise<ReloadResult[]> | null = null;
  let warmed: Promise<void> = Promise.resolve();

  const fullBuild = (tld: Tld) =>
    readSnapshot(db, async (tx, copyLines) => {
      const apex = chineseTldAce[tld];
      const lastChangeId = await lastZoneChangeId(tx, apex);
      const serial = await zoneSerial(tx, apex);
      const scan = zoneLines(tx, tld, copyLines);
      const store = new ZoneStore({ apex, soa: zoneSoa(settings, serial), ns: settings.ns, records: [] }, options.journal);
      const loader = new ZoneEntryLoader(store, settings.edge);
      for await (const batch of scan.lines()) for (const line of batch) loader.loadLine(line);
      const domains = scan.domains();
      // The bucket count follows the TLD's size, known once the scan is read (`expectDomains`).
      store.expectDomains(domains);
      loader.finish(scan.redPage());
      states.set(apex, { store, lastChangeId });
      return { apex, serial: store.serial, kind: 'full' as const, domains };
    });

  /** null: nothing new; 'rebuild': too much to apply piecewise. */
  const incremental = (tld: Tld, state: ZoneState) =>
    db.transaction(async (tx): Promise<ReloadResult | null | 'rebuild'> => {
      const apex = chineseTldAce[tld];
      const changes = await zoneChangesAfter(tx, apex, state.lastChangeId, maxIncremental + 1);
      if (changes.length > maxIncremental) return 'rebuild';
      const serial = zoneSoa(settings, await zoneSerial(tx, apex)).serial;
      if (changes.length === 0 && serial === state.store.serial) return null;
      const ids = [...new Set(changes.map((c) => c.domainId))];
      const next = new Map<string, ZoneRecord[]>();
      for (const c of await zoneContentsOfDomains(tx, ids)) next.set(c.domain.ace, domainWireRecords(c, settings.edge));
      state.store.applyChanges(serial, next);
      state.lastChangeId = changes.at(-1)?.id ?? state.lastChangeId;
      return { apex, serial, kind: 'incremental' as const, domains: ids.length };
    }, snapshot);

  async function run(force: boolean): Promise<ReloadResult[]> {
    const results: ReloadResult[] = [];
    for (const tld of tlds) {
      const state = states.get(chineseTldAce[tld]);
      const before = state?.store.serial;
      let result = state === undefined || force ? 'rebuild' : await incremental(tld, state);
      if (result === 'rebuild') result = await fullBuild(tld);
      if (result === null) continue;
      results.push(result);
      if (before !== undefined && result.serial !== before) for (const l of listeners) l(result.apex, result.serial);
    }
    if (results.length > 0) current = new Map([...states].map(([apex, s]) => [apex, s.store]));
    // Rebuilt zones encode their transfer messages once every zone is built, not during the next build.
    const warming = results.filter((r) => r.kind === 'full').map((r) => warm(current.get(r.apex)));
    if (warming.length > 0) warmed = Promise.all(warming).then(() => undefined);
    return results;
  }

  const reload = async (opts: { force?: boolean } = {}): Promise<ReloadResult[]> => {
    // One reload at a time; a caller arriving meanwhile waits for it and then runs its own.
    while (running !== null) await running.catch(() => undefined);
    running = run(opts.force ?? false);
    try {
      return await running;
    } finally {
      running = null;
    }
  };

  await reload({ force: true });
  return {
    zones: () => current,
    warmed: () => warmed,
    reload,
    onChange: (listener) => void listeners.push(listener),
    watch(ms, log) {
      let stopped = false;
      let timer: NodeJS.Timeout | undefined;
      let ticking: Promise<void> = Promise.resolve();
      const tick = async () => {
        try {
          const moved = await reload();
          if (moved.length > 0) log?.info({ zones: moved }, 'zones reloaded');
        } catch (e) {
          log?.warn({ err: String(e) }, 'zone reload failed');
        }
        if (!stopped) timer = setTimeout(() => void (ticking = tick()), ms);
      };
      timer = setTimeout(() => void (ticking = tick()), ms);
      return async () => {
        stopped = true;
        if (timer !== undefined) clearTimeout(timer);
        // A reload under way finishes before the caller closes the database under it.
        await ticking;
      };
    },
  };
}
