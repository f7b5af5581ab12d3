import type { Db } from '../../db/client.js';
import { regionNames } from '../../db/repositories/registration-data.js';
import type { RegistrantRecord } from '../../domain/registration-data/record.js';
import type { UnitType } from '../../domain/types.js';

export interface RegistrantRow {
  uscc: string;
  name: string;
  type: UnitType;
  regionPath: string;
  address: string;
}

/** The public record of a registrant unit, with its region chain spelled out. */
export async function registrantRecord(db: Db, row: RegistrantRow): Promise<RegistrantRecord> {
  const codes = row.regionPath.split('/').filter((c) => c !== '');
  const names = await regionNames(db, codes);
  return {
    handle: row.uscc,
    name: row.name,
    type: row.type,
    regions: codes.map((c) => names.get(c)).filter((n): n is string => n !== undefined),
    address: row.address,
  };
}
