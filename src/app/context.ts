import type { SecurityPolicy } from '../config.js';
import type { Db } from '../db/client.js';
import type { Actor } from '../domain/access/actor.js';
import type { Edge } from '../domain/dns/zone.js';
import type { SiteChecker } from '../sitecheck/check-site.js';

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/** What every use case gets: the database, the time, the rules in force. */
export interface AppContext {
  db: Db;
  clock: Clock;
  policy: SecurityPolicy;
  log: Logger;
  /** The public edge's addresses: what URL转发 and 网络红页 names answer in DNS. */
  edge?: Edge;
  /**
   * 网站核验 of self-hosted websites (SITECHECK_*). Every process built from the configuration
   * has one; an API test that is not about checks leaves it out, and submission then skips it.
   */
  siteChecker?: SiteChecker;
}

/** Where a request came from: recorded on audit events and sessions. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

/** A use case run on behalf of a logged-in actor. */
export interface Ctx extends AppContext {
  actor: Actor;
  meta: RequestMeta;
}
