import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../client.js';
import { dnsChangeProposals, domains, websites } from '../schema/index.js';

export type WebsiteRow = typeof websites.$inferSelect;

export async function insertWebsite(db: Db, values: typeof websites.$inferInsert): Promise<WebsiteRow> {
  const [row] = await db.insert(websites).values(values).returning();
  if (row === undefined) throw new Error('insert returned no row');
  return row;
}

export async function updateWebsite(db: Db, id: string, values: Partial<typeof websites.$inferInsert>): Promise<void> {
  await db.update(websites).set(values).where(eq(websites.id, id));
}

export async function findOwnWebsite(db: Db, unitId: string, id: string, opts: { forUpdate?: boolean } = {}) {
  const q = db.select().from(websites).where(and(eq(websites.id, id), eq(websites.unitId, unitId))).limit(1);
  const rows = opts.forUpdate === true ? await q.for('update') : await q;
  return rows[0];
}

export async function findOwnDomain(db: Db, unitId: string, id: string) {
  const [row] = await db.select().from(domains).where(and(eq(domains.id, id), eq(domains.unitId, unitId))).limit(1);
  return row;
}

/** The website on a domain that is not deregistered, if any. */
export async function liveWebsiteOnDomain(db: Db, domainId: string) {
  const [row] = await db
    .select()
    .from(websites)
    .where(and(eq(websites.domainId, domainId), ne(websites.status, 'deregistered')))
    .limit(1);
  return row;
}

export async function insertDnsProposal(db: Db, values: typeof dnsChangeProposals.$inferInsert): Promise<void> {
  await db.insert(dnsChangeProposals).values(values);
}
