import { findPublicRegistrant } from '../../db/repositories/registration-data.js';
import { NotFound } from '../../domain/errors.js';
import { parseEntityHandle, type RegistrantRecord } from '../../domain/registration-data/record.js';
import type { AppContext } from '../context.js';
import { registrantRecord } from './registrant.js';

/**
 * The public record of a registrant unit by its handle (统一社会信用代码), for RDAP entity lookup.
 * Only units that hold a domain are registrants; others are not found.
 * @throws NotFound  no registrant with this handle (404)
 */
export async function lookupRegistrant(app: AppContext, handle: string): Promise<RegistrantRecord> {
  const uscc = parseEntityHandle(handle);
  if (uscc === null) throw new NotFound('实体');
  const row = await findPublicRegistrant(app.db, uscc);
  if (row === undefined) throw new NotFound('实体');
  return registrantRecord(app.db, row);
}
