import { Resolver } from 'node:dns';
import { readFileSync } from 'node:fs';
import { trySealAuditChain } from '../app/audit/sealer.js';
import type { AppContext } from '../app/context.js';
import { systemClock } from '../app/context.js';
import type { Config } from '../config.js';
import { openDatabase, type Database } from '../db/client.js';
import { sealClearValuesAtStart } from '../app/personal-data/seal-at-start.js';
import { refuseClearPersonalData } from '../db/personal-data/keys.js';
import { loadPersonalDataKeys, verifyKeysOpenData } from './personal-data-keys.js';
import { AddressAllowList } from '../domain/sitecheck/address.js';
import { createSiteChecker, type SiteChecker } from '../sitecheck/check-site.js';
import { siteCheckSettings } from '../sitecheck/settings.js';

/**
 * Opens and migrates the configured database and builds the application context on it. With
 * `personalData` (the default: every command that reads or writes accounts, forms or messages)
 * the personal-data keys are loaded first — on PostgreSQL without keys the command stops here —
 * and values still in clear from before encryption are sealed.
 */
export async function openRuntime(
  config: Config,
  log: AppContext['log'],
  opts: { personalData?: boolean } = {},
): Promise<{ database: Database; app: AppContext }> {
  const withKeys = opts.personalData ?? true;
  if (withKeys) loadPersonalDataKeys(config, config.databaseUrl === undefined ? 'pglite' : 'postgres');
  const database = await openDatabase(config);
  await database.migrate();
  // Audit events not chained yet (written before the chain existed, or committed since the last
  // seal) are chained now — unless another process is sealing at this moment: it seals them.
  await trySealAuditChain(database.db);
  const app: AppContext = { db: database.db, clock: systemClock, policy: config.security, log, edge: config.edge, siteChecker: siteCheckerFor(config) };
  if (withKeys) {
    await verifyKeysOpenData(database.db);
    const { keyId, sealed, refused } = await sealClearValuesAtStart(app, { acceptClear: config.personalData.acceptClear });
    if (sealed.length > 0) log.info({ keyId, sealed }, 'personal data from before encryption sealed');
    if (refused.length > 0) {
      log.warn({ refused }, '个人信息未加密存储：发现未经本系统写入的明文值，读取时将拒绝 (clear values where sealed personal data belongs; left as found — PERSONAL_DATA_ACCEPT_CLEAR=true seals them at the next start)');
    }
    // Every clear value is sealed now: one read later was written behind the application's back.
    if (!config.personalData.acceptClear) refuseClearPersonalData();
  }
  return { database, app };
}

/** The checker the configuration describes: SITECHECK_ALLOW_ADDRESSES, SITECHECK_DNS_SERVERS, SITECHECK_CA_FILE. */
export function siteCheckerFor(config: Config): SiteChecker {
  const c = config.siteCheck;
  const extraCa = c.caFile === undefined ? [] : [readFileSync(c.caFile, 'utf8')];
  // A malformed SITECHECK_DNS_SERVERS stops the start here rather than failing every check later.
  if (c.dnsServers.length > 0) new Resolver().setServers(c.dnsServers);
  return createSiteChecker(siteCheckSettings({ allow: AddressAllowList.parse(c.allowAddresses), dnsServers: c.dnsServers, extraCa }));
}

export const consoleLog: AppContext['log'] = {
  info: (obj, msg) => console.log(msg ?? '', JSON.stringify(obj)),
  warn: (obj, msg) => console.warn(msg ?? '', JSON.stringify(obj)),
};
