import type { Db } from '../../db/client.js';
import {
  bumpZoneSerial,
  closeProposal,
  deleteRecords,
  insertRecord,
  insertZoneChange,
  openProposals,
  recordsOfDomain,
  recordsOfDomainForUpdate,
  updateRecord,
  zoneChangesOfDomain,
  type DnsRecordRow,
} from '../../db/repositories/dns.js';
import { findDomainInScope } from '../../db/repositories/names.js';
import { businessScope } from '../../domain/access/scope.js';
import { diffZones } from '../../domain/dns/diff.js';
import { validateRecord } from '../../domain/dns/records.js';
import { checkDeletion, verifyRecordSet } from '../../domain/dns/rules.js';
import { generatedLabel, isUrlForward, recordTypeLabel, type DnsRecordInput, type DnsRecordSpec } from '../../domain/dns/types.js';
import { urlForwardPair } from '../../domain/dns/url-forward.js';
import { nextSerial, toWireRecords, type Edge } from '../../domain/dns/zone.js';
import { Forbidden, InvalidInput, NotFound } from '../../domain/errors.js';
import { chineseTldAce } from '../../domain/validators/chinese-domain.js';
import { recordAudit } from '../audit/record.js';
import type { Ctx } from '../context.js';

const defaultEdge: Edge = { ipv4: ['127.0.0.1'], ipv6: [] };

async function loadDomain(ctx: Ctx, domainId: string) {
  const row = await findDomainInScope(ctx.db, businessScope(ctx.actor), domainId);
  if (row === undefined) throw new NotFound('域名');
  return row.domain;
}

/** Only the unit's own 经办人 changes its records; reviewers in scope may read them. */
function verifyOwner(ctx: Ctx) {
  if (ctx.actor.role !== 'handler') throw new Forbidden('HANDLER_ONLY', '只有本单位经办人可以修改域名解析');
}

const specOf = (r: DnsRecordRow): DnsRecordSpec => ({ ...r.spec, id: r.id });

function present(r: DnsRecordRow, all: DnsRecordRow[]) {
  const s = r.spec;
  const partner = isUrlForward(s.type) ? all.find((o) => o.id !== r.id && (o.generatedBy === r.id || r.generatedBy === o.id)) : undefined;
  return {
    id: r.id,
    host: s.host,
    type: s.type,
    typeLabel: recordTypeLabel[s.type],
    value: s.display,
    ttl: s.ttl,
    priority: s.type === 'MX' ? s.priority : null,
    redirectCode: s.type === 'URL_REDIRECT' ? s.code : null,
    keepPath: s.type === 'URL_REDIRECT' ? s.keepPath : null,
    generated: r.generatedBy !== null,
    generatedLabel: r.generatedBy !== null ? generatedLabel : null,
    partnerId: partner?.id ?? null,
  };
}

/** 域名解析: the domain's records, any DNS change an approved 变更 proposed, and what the actor may do. */
export async function listRecords(ctx: Ctx, domainId: string) {
  const domain = await loadDomain(ctx, domainId);
  const [rows, proposals] = await Promise.all([recordsOfDomain(ctx.db, domain.id), openProposals(ctx.db, domain.id)]);
  return {
    domain: { id: domain.id, name: domain.name, ace: domain.ace },
    records: rows.map((r) => present(r, rows)),
    proposals: proposals.map((p) => ({ id: p.id, applicationId: p.applicationId, proposal: p.proposal, createdAt: p.createdAt.toISOString() })),
    allowedActions: ctx.actor.role === 'handler' ? ['add', 'edit', 'delete', 'apply_proposal'] : [],
  };
}

/**
 * Writes the journal entry of a change to one domain's records: the TLD zone gets a new serial
 * and the entry holds the RRs removed and added — what IXFR will send. Same transaction as the change.
 */
async function journal(ctx: Ctx, tx: Db, domain: { id: string; ace: string; tld: '政务' | '公益' }, before: DnsRecordSpec[], after: DnsRecordSpec[]) {
  const now = ctx.clock.now();
  const edge = ctx.edge ?? defaultEdge;
  const diff = diffZones(toWireRecords(domain.ace, before, edge), toWireRecords(domain.ace, after, edge));
  const zone = chineseTldAce[domain.tld];
  const serial = await bumpZoneSerial(tx, zone, (current) => nextSerial(current, now), now);
  await insertZoneChange(tx, { domainId: domain.id, zone, serial, change: { domain: domain.ace, removed: diff.removed, added: diff.added }, createdAt: now });
  return serial;
}

async function audit(ctx: Ctx, tx: Db, action: 'dns_record_add' | 'dns_record_update' | 'dns_record_delete' | 'dns_proposal_apply', domainId: string, details: Record<string, unknown>) {
  await recordAudit(tx, ctx.clock, ctx.meta, { action, result: 'success', actor: { id: ctx.actor.id, username: ctx.actor.username }, target: { type: 'domain', id: domainId }, details });
}

/** Adds specs (a URL转发 on `@` brings its `www` twin) after checking each against the set. */
async function addSpecs(tx: Db, domainId: string, existing: DnsRecordSpec[], candidate: DnsRecordSpec, now: Date) {
  const [first, ...rest] = urlForwardPair(candidate);
  if (first === undefined) return [];
  const set = [...existing];
  verifyRecordSet(set, first);
  const head = await insertRecord(tx, domainId, first, now);
  set.push(specOf(head));
  const added = [specOf(head)];
  for (const spec of rest) {
    verifyRecordSet(set, spec);
    const row = await insertRecord(tx, domainId, spec, now, head.id);
    set.push(specOf(row));
    added.push(specOf(row));
  }
  return added;
}

/** 添加解析 → 确认. */
export async function addRecord(ctx: Ctx, domainId: string, input: DnsRecordInput) {
  verifyOwner(ctx);
  const domain = await loadDomain(ctx, domainId);
  const spec = validateRecord(input, { unicode: domain.name, ace: domain.ace });
  await ctx.db.transaction(async (tx) => {
    const before = (await recordsOfDomainForUpdate(tx, domain.id)).map(specOf);
    const added = await addSpecs(tx, domain.id, before, spec, ctx.clock.now());
    const serial = await journal(ctx, tx, domain, before, [...before, ...added]);
    await audit(ctx, tx, 'dns_record_add', domain.id, { domain: domain.name, records: added.map((a) => `${a.host} ${a.type} ${a.display}`), serial });
  });
  return listRecords(ctx, domain.id);
}

export async function editRecord(ctx: Ctx, domainId: string, recordId: string, input: DnsRecordInput) {
  verifyOwner(ctx);
  const domain = await loadDomain(ctx, domainId);
  const spec = validateRecord(input, { unicode: domain.name, ace: domain.ace });
  await ctx.db.transaction(async (tx) => {
    const rows = await recordsOfDomainForUpdate(tx, domain.id);
    const old = rows.find((r) => r.id === recordId);
    if (old === undefined) throw new NotFound('解析记录');
    const before = rows.map(specOf);
    const edited: DnsRecordSpec = { ...spec, id: recordId, ...(old.spec.generatedFromHost === undefined ? {} : { generatedFromHost: old.spec.generatedFromHost }) };
    verifyRecordSet(before, edited, recordId);
    await updateRecord(tx, recordId, edited, ctx.clock.now());
    const serial = await journal(ctx, tx, domain, before, before.map((s) => (s.id === recordId ? edited : s)));
    await audit(ctx, tx, 'dns_record_update', domain.id, { domain: domain.name, before: `${old.spec.host} ${old.spec.type} ${old.spec.display}`, after: `${edited.host} ${edited.type} ${edited.display}`, serial });
  });
  return listRecords(ctx, domain.id);
}

/** Deletes the chosen records (multi-select); the console asks about a URL转发's other half. */
export async function removeRecords(ctx: Ctx, domainId: string, ids: string[]) {
  verifyOwner(ctx);
  const domain = await loadDomain(ctx, domainId);
  await ctx.db.transaction(async (tx) => {
    const rows = await recordsOfDomainForUpdate(tx, domain.id);
    const unknown = ids.filter((id) => !rows.some((r) => r.id === id));
    if (unknown.length > 0) throw new NotFound('解析记录');
    const before = rows.map(specOf);
    checkDeletion(before, ids);
    await deleteRecords(tx, domain.id, ids);
    const serial = await journal(ctx, tx, domain, before, before.filter((s) => s.id === undefined || !ids.includes(s.id)));
    await audit(ctx, tx, 'dns_record_delete', domain.id, { domain: domain.name, records: rows.filter((r) => ids.includes(r.id)).map((r) => `${r.spec.host} ${r.spec.type} ${r.spec.display}`), serial });
  });
  return listRecords(ctx, domain.id);
}

/**
 * Step 四 in one 确认: the change an approved 变更 proposed — delete the old records, add the
 * URL转发 `@` → the new English domain (which brings `www`) — in one transaction and one serial.
 */
export async function applyProposal(ctx: Ctx, domainId: string, proposalId: string, override?: DnsRecordInput) {
  verifyOwner(ctx);
  const domain = await loadDomain(ctx, domainId);
  const proposal = (await openProposals(ctx.db, domain.id)).find((p) => p.id === proposalId);
  if (proposal === undefined) throw new NotFound('解析变更建议');
  const add = (proposal.proposal['add'] as { host: string; type: string; target?: string }[] | undefined) ?? [];
  const forward = add.find((a) => a.type === 'URL转发' && a.host === '@');
  if (forward !== undefined && forward.target === undefined && override === undefined) throw new InvalidInput('PROPOSAL_INVALID', '解析变更建议缺少目标地址', 'proposalId');
  // A switch back to 网络红页 proposes only the deletion: the red page's names answer from the website's hosting.
  const input: DnsRecordInput | undefined = override ?? (forward?.target === undefined ? undefined : { host: '@', type: 'URL_REDIRECT', value: forward.target, redirectCode: 302 });
  await ctx.db.transaction(async (tx) => {
    if (!(await closeProposal(tx, proposal.id, 'applied'))) throw new NotFound('解析变更建议');
    const rows = await recordsOfDomainForUpdate(tx, domain.id);
    const before = rows.map(specOf);
    await deleteRecords(tx, domain.id, rows.map((r) => r.id));
    const added = input === undefined ? [] : await addSpecs(tx, domain.id, [], validateRecord(input, { unicode: domain.name, ace: domain.ace }), ctx.clock.now());
    const serial = await journal(ctx, tx, domain, before, added);
    await audit(ctx, tx, 'dns_proposal_apply', domain.id, { domain: domain.name, proposal: proposal.id, removed: before.length, added: added.length, serial });
  });
  return listRecords(ctx, domain.id);
}

/** The zone history of the domain: each change with its serial and the RRs removed and added. */
export async function zoneHistory(ctx: Ctx, domainId: string) {
  const domain = await loadDomain(ctx, domainId);
  const rows = await zoneChangesOfDomain(ctx.db, domain.id, 200);
  return { items: rows.map((r) => ({ serial: r.serial, zone: r.zone, at: r.createdAt.toISOString(), change: r.change })) };
}
