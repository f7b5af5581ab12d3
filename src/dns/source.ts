/**
 * The zones the primary serves, built from the database with `buildZone` for both TLDs. A
 * zone is rebuilt when its serial in the `zones` table moves; `watch` polls for that.
 * (Website hosting changes that do not bump the serial are picked up by `reload({ force })`.)
 */
import type { Db } from '../db/client.js';
import { zoneSerial } from '../db/repositories/dns.js';
import { buildZone, type ZoneSettings } from '../app/dns/zone-export.js';
import { chineseTldAce } from '../domain/validators/chinese-domain.js';
import type { Zones } from './answer.js';
import type { DnsLog } from './server.js';
import { ZoneStore } from './zone-store.js';

const tlds = ['政务', '公益'] as const;

export interface ZoneSource {
  /** The current stores, by apex (ACE). Pass `() => source.zones()` to the server. */
  zones(): Zones;
  /** Rebuilds the zones whose serial changed (all with `force`); the apexes rebuilt. */
  reload(opts?: { force?: boolean }): Promise<string[]>;
  /** Polls the serials every `ms` and reloads; returns the stop function. */
  watch(ms: number, log?: DnsLog): () => void;
}

export async function createZoneSource(db: Db, settings: ZoneSettings): Promise<ZoneSource> {
  let current = new Map<string, ZoneStore>();
  /** The `zones` table serial each store was built at (buildZone raises 0 to 1). */
  const builtAt = new Map<string, number>();
  let running: Promise<string[]> | null = null;

  async function rebuild(force: boolean): Promise<string[]> {
    const next = new Map(current);
    const changed: string[] = [];
    for (const tld of tlds) {
      const apex = chineseTldAce[tld];
      const serial = await zoneSerial(db, apex);
      if (!force && builtAt.get(apex) === serial && next.has(apex)) continue;
      next.set(apex, new ZoneStore(await buildZone(db, tld, settings)));
      builtAt.set(apex, serial);
      changed.push(apex);
    }
    current = next;
    return changed;
  }

  const reload = async (opts: { force?: boolean } = {}): Promise<string[]> => {
    // One reload at a time; a caller arriving meanwhile waits for it and then runs its own.
    while (running !== null) await running.catch(() => undefined);
    running = rebuild(opts.force ?? false);
    try {
      return await running;
    } finally {
      running = null;
    }
  };

  await reload({ force: true });
  return {
    zones: () => current,
    reload,
    watch(ms, log) {
      let stopped = false;
      let timer: NodeJS.Timeout | undefined;
      const tick = async () => {
        try {
          const changed = await reload();
          if (changed.length > 0) log?.info({ zones: changed, serials: changed.map((a) => current.get(a)?.serial) }, 'zones reloaded');
        } catch (e) {
          log?.warn({ err: String(e) }, 'zone reload failed');
        }
        if (!stopped) timer = setTimeout(() => void tick(), ms);
      };
      timer = setTimeout(() => void tick(), ms);
      return () => {
        stopped = true;
        if (timer !== undefined) clearTimeout(timer);
      };
    },
  };
}
