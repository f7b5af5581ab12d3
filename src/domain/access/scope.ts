import type { Actor } from './actor.js';

/**
 * The business data (units, domains, websites, applications) an actor may see, as data the
 * repositories turn into a WHERE clause. Outside the scope a thing does not exist (404).
 * Admins manage accounts and auditors read the audit log: neither sees business data (等保
 * separation of duties).
 */
export type BusinessScope =
  | { kind: 'unit'; unitId: string }
  | { kind: 'region'; regionPath: string }
  | { kind: 'all' }
  | { kind: 'none' };

export function businessScope(actor: Actor): BusinessScope {
  switch (actor.role) {
    case 'handler':
      return actor.unitId === null ? { kind: 'none' } : { kind: 'unit', unitId: actor.unitId };
    case 'office_reviewer':
      return actor.regionPath === null ? { kind: 'none' } : { kind: 'region', regionPath: actor.regionPath };
    case 'center_reviewer':
      return { kind: 'all' };
    case 'admin':
    case 'auditor':
      return { kind: 'none' };
  }
}
