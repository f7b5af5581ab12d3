import { applicationContext, loadApplication, loadApplicationByNumber, paperItemsOf, type ApplicationRow } from '../../db/repositories/applications.js';
import type { ApplicationPayload } from '../../domain/applications/payload.js';
import { Conflict, InvalidInput, NotFound } from '../../domain/errors.js';
import { formFields, parsePrintCode, printedContentHash, type FormData } from '../../domain/forms/form-fields.js';
import { renderApplicationForm, type PrintedForm } from '../../pdf/render-form.js';
import type { Db } from '../../db/client.js';
import type { Ctx } from '../context.js';
import { decidePaperItem } from './paper.js';
import { presentApplication } from './present.js';
import { reviewersOf } from './recipients.js';

export class FormNotReady extends Conflict {
  constructor() {
    super('FORM_NOT_READY', '申请表在审核通过、进入纸质材料环节后才能打印');
  }
}

export const printable = (app: ApplicationRow) => app.type !== 'deregister' && (app.status === 'pending_paper' || app.status === 'approved');

async function formData(db: Db, app: ApplicationRow): Promise<FormData> {
  const { unit, domain } = await applicationContext(db, app);
  return {
    number: app.number,
    type: app.type,
    revision: app.revision,
    submittedAt: app.submittedAt,
    unit: { name: unit.name, type: unit.type, uscc: unit.uscc, address: unit.address, functions: unit.functions },
    domainName: domain?.name ?? '',
    payload: app.payload as ApplicationPayload,
  };
}

/** 打印申请表: the form of the application's current revision, for whoever may see the application. */
export async function printApplicationForm(ctx: Ctx, id: string, consoleUrl: string): Promise<PrintedForm & { filename: string }> {
  const app = await loadApplication(ctx.db, ctx.actor, id);
  if (app === undefined) throw new NotFound('申请');
  if (!printable(app)) throw new FormNotReady();
  const { officeName } = await reviewersOf(ctx.db, app, 'office');
  const printed = await renderApplicationForm(await formData(ctx.db, app), { consoleUrl, officeName, printedAt: ctx.clock.now() });
  return { ...printed, filename: `${app.number}-R${app.revision}.pdf` };
}

/**
 * The office scans or types the code on a paper form: which application and revision it was
 * printed from, and whether it still matches what is current (old paper is flagged, not accepted).
 */
export async function lookupPrintCode(ctx: Ctx, code: string) {
  const parsed = parsePrintCode(code);
  if (parsed === null) throw new InvalidInput('PRINT_CODE_INVALID', '核验码格式不正确', 'code');
  const app = await loadApplicationByNumber(ctx.db, ctx.actor, parsed.number);
  if (app === undefined) throw new NotFound('申请');
  const currentHash = printedContentHash(formFields(await formData(ctx.db, app))).slice(0, 16).toUpperCase();
  const verdict =
    parsed.revision !== app.revision
      ? { matches: false, reason: 'old_revision', message: `纸质材料打印自第${parsed.revision}版，当前为第${app.revision}版，请单位重新打印申请表` }
      : parsed.hash !== currentHash
        ? { matches: false, reason: 'content_changed', message: '纸质材料的内容与系统中的申请不一致，请单位重新打印申请表' }
        : { matches: true, reason: null, message: '纸质材料与当前申请一致' };
  const items = (await paperItemsOf(ctx.db, app.id)).filter((i) => i.revision === app.revision);
  const { unit } = await applicationContext(ctx.db, app);
  return {
    ...verdict,
    printedRevision: parsed.revision,
    currentRevision: app.revision,
    application: presentApplication(ctx.actor, app, ctx.clock.now(), { unitName: unit.name }),
    paperItems: items.map((i) => ({ id: i.id, kind: i.kind, label: i.label, copies: i.copies, status: i.status, receivedAt: i.receivedAt?.toISOString() ?? null, note: i.note })),
  };
}

export class PaperOutdated extends Conflict {
  constructor(message: string) {
    super('PAPER_OUTDATED', message, 'code');
  }
}

/** Receipt by code: the scanned form marks the application form item received, if it matches. */
export async function receiveByPrintCode(ctx: Ctx, code: string, receivedOn: Date) {
  const found = await lookupPrintCode(ctx, code);
  if (!found.matches) throw new PaperOutdated(found.message);
  const item = found.paperItems.find((i) => i.kind === 'application_form') ?? found.paperItems[0];
  if (item === undefined) throw new Conflict('NO_PAPER_STEP', '该申请当前不在纸质材料环节');
  return decidePaperItem(ctx, { id: found.application.id, itemId: item.id, version: found.application.version, decision: { status: 'received', receivedOn } });
}
