import type { Db } from '../../db/client.js';
import type { ApplicationRow } from '../../db/repositories/applications.js';
import { centerReviewers, officeReviewersFor } from '../../db/repositories/workflow-settings.js';
import type { Step } from '../../domain/applications/chain.js';
import type { ApplicationPayload } from '../../domain/applications/payload.js';
import type { Recipient } from '../notifications/compose.js';

/** The 经办人 who filed: the in-app copy to their account, SMS and email to the contact on the form. */
export function handlerOf(app: ApplicationRow): Recipient {
  const p = app.payload as ApplicationPayload;
  return { id: app.createdBy, mobile: p.handler?.mobile ?? null, email: p.handler?.email ?? null };
}

/** Who reviews a step of this application: the unit's own-level 编办 (office, paper) or the centre. */
export async function reviewersOf(db: Db, app: ApplicationRow, step: Step): Promise<{ recipients: Recipient[]; officeName: string }> {
  if (step === 'center') return { recipients: await centerReviewers(db), officeName: '政务和公益机构域名注册管理中心' };
  const office = await officeReviewersFor(db, app.regionPath);
  return { recipients: office.reviewers, officeName: office.regionName === '' ? '同级编办' : `${office.regionName}编办` };
}
