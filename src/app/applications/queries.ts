import { countInScope, countsForQueue } from '../../db/repositories/application-counts.js';
import { queuePage, unitApplications, type QueueFilter } from '../../db/repositories/application-queries.js';
import { applicationContext, decisionsOf, historyOf, loadApplication, paperItemsOf, revisionsOf } from '../../db/repositories/applications.js';
import { stepLabel, type Step } from '../../domain/applications/chain.js';
import { diffPayloads } from '../../domain/applications/diff.js';
import { applicationEventLabel, applicationStatusLabel, type ApplicationEvent } from '../../domain/applications/transitions.js';
import { hostingSentence, payloadFieldLabels, type ApplicationPayload } from '../../domain/applications/payload.js';
import { NotFound } from '../../domain/errors.js';
import { maskFieldChange, maskPayload } from '../../domain/personal-data/masking.js';
import { roleLabel, unitTypeLabel } from '../../domain/types.js';
import type { Ctx } from '../context.js';
import { presentApplication } from './present.js';

/** A unit has tens; a reviewer calling the list sees their whole scope, so its total stops here. */
const listTotalCap = 10_000;

/** 网站开办审核/资格复核申请: the unit's applications with their statuses. */
export async function listMyApplications(ctx: Ctx, page: { page: number; pageSize: number } = { page: 1, pageSize: 20 }) {
  const [rows, { total, capped }] = await Promise.all([
    unitApplications(ctx.db, ctx.actor, { limit: page.pageSize, offset: (page.page - 1) * page.pageSize }),
    countInScope(ctx.db, ctx.actor, listTotalCap),
  ]);
  const now = ctx.clock.now();
  return { items: rows.map((r) => presentApplication(ctx.actor, r.app, now, { unitName: r.unitName })), total, totalCapped: capped, page: page.page, pageSize: page.pageSize };
}

const cursorOf = (key: Date | null, id: string) => (key === null ? null : Buffer.from(`${key.toISOString()}|${id}`).toString('base64url'));

export function parseCursor(cursor: string | undefined): { key: Date; id: string } | undefined {
  if (cursor === undefined) return undefined;
  const [iso, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const key = new Date(iso ?? '');
  if (Number.isNaN(key.getTime()) || id === undefined || !/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  return { key, id };
}

/** 审核管理: the reviewer's queue in keyset pages, with counts per status in scope. */
export async function reviewQueue(ctx: Ctx, f: Omit<QueueFilter, 'now'>) {
  const now = ctx.clock.now();
  const rows = await queuePage(ctx.db, ctx.actor, { ...f, limit: f.limit + 1, now });
  const page = rows.slice(0, f.limit);
  const last = page.at(-1);
  const { status: _status, after: _after, sort: _sort, limit: _limit, ...countFilter } = f;
  // Counts per status: from the counts table when the filter allows; else counted, up to a cap.
  const { counts, capped } = await countsForQueue(ctx.db, ctx.actor, { ...countFilter, now });
  return {
    items: page.map((r) => presentApplication(ctx.actor, r.app, now, { unitName: r.unitName })),
    nextCursor: rows.length > f.limit && last !== undefined ? cursorOf(f.sort === 'due_asc' ? last.app.dueAt : last.app.submittedAt, last.app.id) : null,
    counts,
    countsCapped: capped,
  };
}

/**
 * 查看审核结果 and the reviewer's detail: the form, every revision, the diff, decisions, paper.
 * The 经办人's mobile, email and 身份证号 are shown in full to the unit itself and masked to
 * reviewers (138****0000); the printed form carries them in full.
 */
export async function getApplication(ctx: Ctx, id: string) {
  const app = await loadApplication(ctx.db, ctx.actor, id);
  if (app === undefined) throw new NotFound('申请');
  const now = ctx.clock.now();
  const [context, revisions, decisions, history, paper] = await Promise.all([
    applicationContext(ctx.db, app),
    revisionsOf(ctx.db, app.id),
    decisionsOf(ctx.db, app.id),
    historyOf(ctx.db, app.id),
    paperItemsOf(ctx.db, app.id),
  ]);
  const current = revisions.find((r) => r.revision === app.revision);
  const previous = revisions.find((r) => r.revision === app.revision - 1);
  const lastReturn = [...decisions].reverse().find((d) => d.decision.decision === 'return');
  const ownUnit = ctx.actor.role === 'handler' && ctx.actor.unitId === app.unitId;
  const shown = <T>(p: T): T => (ownUnit ? p : maskPayload(p));
  const payload = shown(app.payload as ApplicationPayload);
  const { unit, domain, website } = context;
  return {
    ...presentApplication(ctx.actor, app, now, { unitName: unit.name, ...(website === null ? {} : { websiteName: website.name }) }),
    payload,
    hostingSentence: payload.type === 'deregister' ? null : hostingSentence[payload.hosting],
    warnings: current?.warnings ?? [],
    unit: { id: unit.id, name: unit.name, type: unit.type, typeLabel: unitTypeLabel[unit.type], uscc: unit.uscc, regionCode: unit.regionCode, address: unit.address, functions: unit.functions, phone: unit.phone },
    domain: domain === null ? null : { id: domain.id, name: domain.name, ace: domain.ace },
    website: website === null ? null : { id: website.id, name: website.name, hosting: website.hosting, badgeNumber: website.badgeNumber, badgeVersion: website.badgeVersion, status: website.status },
    revisions: revisions.map((r) => ({ revision: r.revision, createdAt: r.createdAt.toISOString(), contentHash: r.contentHash, payload: shown(r.payload), warnings: r.warnings })),
    diff: (previous === undefined || current === undefined ? [] : diffPayloads(previous.payload, current.payload, payloadFieldLabels)).map((c) => (ownUnit ? c : maskFieldChange(c))),
    decisions: decisions.map((d) => ({
      step: d.decision.step,
      stepLabel: stepLabel[d.decision.step as Step] ?? d.decision.step,
      decision: d.decision.decision,
      decisionLabel: d.decision.decision === 'approve' ? '审核通过' : '退回修改',
      reasons: d.decision.reasons.map((r) => ({ ...r, label: r.field === undefined ? null : (payloadFieldLabels[r.field] ?? r.field) })),
      reviewerName: d.reviewerName,
      revision: d.decision.revision,
      createdAt: d.decision.createdAt.toISOString(),
    })),
    returnedFields: app.status === 'returned' && lastReturn !== undefined ? lastReturn.decision.reasons.flatMap((r) => (r.field === undefined ? [] : [r.field])) : [],
    history: history.map((h) => ({
      event: h.entry.event,
      eventLabel: applicationEventLabel[h.entry.event as ApplicationEvent] ?? h.entry.event,
      from: h.entry.fromStatus,
      to: h.entry.toStatus,
      toLabel: applicationStatusLabel[h.entry.toStatus],
      actorName: h.actorName,
      actorRole: roleLabel[h.actorRole],
      revision: h.entry.revision,
      at: h.entry.at.toISOString(),
    })),
    paperItems: paper
      .filter((p) => p.revision === app.revision)
      .map((p) => ({ id: p.id, kind: p.kind, label: p.label, copies: p.copies, status: p.status, receivedAt: p.receivedAt?.toISOString() ?? null, note: p.note })),
  };
}
