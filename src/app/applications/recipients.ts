import type { Db } from '../../db/client.js';
import type { ApplicationRow } from '../../db/repositories/applications.js';
import { findUserContact } from '../../db/repositories/users.js';
import { centerReviewers, officeReviewersFor } from '../../db/repositories/workflow-settings.js';
import type { Step } from '../../domain/applications/chain.js';
import type { ApplicationPayload } from '../../domain/applications/payload.js';
import type { Recipient } from '../notifications/compose.js';

/** The 经办人 who filed, at the mobile and email on their account now: a confirmed change of
 * contact reaches every later message. The form's contact is used only if the account has none. */
export async function handlerOf(db: Db, app: ApplicationRow, contact?: { mobile: string | null; email: string | null }): Promise<Recipient> {
  const p = app.payload as ApplicationPayload;
  const user = contact ?? (await findUserContact(db, app.createdBy));
  return { id: app.createdBy, mobile: user?.mobile ?? p.handler?.mobile ?? null, email: user?.email ?? p.handler?.email ?? null };
}

/** Who reviews a step of an application in this region: the unit's own-level 编办 (office, paper) or the centre. */
export async function reviewersOf(db: Db, app: Pick<ApplicationRow, 'regionPath'>, step: Step): Promise<{ recipients: Recipient[]; officeName: string }> {
  if (step === 'center') return { recipients: await centerReviewers(db), officeName: '政务和公益机构域名注册管理中心' };
  const office = await officeReviewersFor(db, app.regionPath);
  return { recipients: office.reviewers, officeName: office.regionName === '' ? '同级编办' : `${office.regionName}编办` };
}
