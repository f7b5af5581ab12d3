/**
 * The hidden primary as one unit: zones kept in step with the journal, the UDP/TCP server, and
 * NOTIFY to the secondaries whenever a zone's serial moves. `npm start` runs it in the console
 * process; `zhengming dns` runs it alone.
 */
import type { Db } from '../db/client.js';
import type { ZoneSettings } from '../app/dns/zone-export.js';
import { createNotifier, type NotifyTarget } from './notify.js';
import { startDnsServer, type DnsLog, type DnsServer } from './server.js';
import { createZoneSource, type ZoneSource } from './source.js';
import type { JournalLimits } from './zone-store.js';
import type { TsigKey } from './tsig.js';

export interface PrimaryOptions {
  db: Db;
  settings: ZoneSettings;
  host: string;
  port: number;
  transferAllow: readonly string[];
  tsigKey?: TsigKey;
  notify: readonly NotifyTarget[];
  /** How often the zone journal is polled. */
  pollMs: number;
  log: DnsLog;
  journal?: JournalLimits;
}

export interface Primary {
  source: ZoneSource;
  server: DnsServer;
  close(): Promise<void>;
}

export async function startPrimary(o: PrimaryOptions): Promise<Primary> {
  const started = performance.now();
  const source = await createZoneSource(o.db, o.settings, o.journal === undefined ? {} : { journal: o.journal });
  const built = performance.now();
  void source.warmed().then(() =>
    o.log.info({ buildMs: Math.round(built - started), encodedMs: Math.round(performance.now() - built) }, 'zones built, transfer messages encoded'),
  );
  const notifier = createNotifier({ targets: o.notify, log: o.log, ...(o.tsigKey === undefined ? {} : { key: o.tsigKey }) });
  source.onChange((apex) => {
    const store = source.zones().get(apex);
    if (store !== undefined && o.notify.length > 0) void notifier.notify(apex, store.soa, store.ttl);
  });
  const server = await startDnsServer({
    host: o.host,
    port: o.port,
    zones: () => source.zones(),
    log: o.log,
    transferAllow: o.transferAllow,
    ...(o.tsigKey === undefined ? {} : { tsigKeys: [o.tsigKey] }),
  });
  const unwatch = source.watch(o.pollMs, o.log);
  return {
    source,
    server,
    close: async () => {
      await unwatch();
      notifier.close();
      await server.close();
    },
  };
}
