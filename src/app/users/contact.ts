import { InvalidInput } from '../../domain/errors.js';
import { validateEmail } from '../../domain/validators/email.js';
import { validateMobile } from '../../domain/validators/mobile.js';
import type { Db } from '../../db/client.js';
import { findRegion, findUnit } from '../../db/repositories/organisation.js';

/** Normalises an optional mobile/email ('' or null clears it); throws on a malformed one. */
export function normaliseContact(kind: 'mobile' | 'email', value: string | null | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || value.trim() === '') return null;
  const v = kind === 'mobile' ? validateMobile(value) : validateEmail(value);
  if (!v.ok) throw new InvalidInput(v.code, v.message, kind);
  return v.value;
}

export async function verifyScopeExists(tx: Db, unitId: string | null, regionCode: string | null): Promise<void> {
  if (unitId !== null && (await findUnit(tx, unitId)) === undefined) {
    throw new InvalidInput('UNIT_UNKNOWN', '所属单位不存在', 'unitId');
  }
  if (regionCode !== null && (await findRegion(tx, regionCode)) === undefined) {
    throw new InvalidInput('REGION_UNKNOWN', '所属区域不存在', 'regionCode');
  }
}
