import { resealPersonalData, type ResealProgress } from '../../db/personal-data/reencrypt.js';
import { personalDataKeyring } from '../../db/personal-data/keys.js';
import type { AuditAction } from '../../domain/audit/actions.js';
import { recordAudit } from '../audit/record.js';
import type { AppContext } from '../context.js';

/**
 * Seals personal data with the current key: after a rotation every value under an older key
 * (`not_current`), at start the values still in clear from before encryption (`clear`). The
 * batches commit one by one (a stopped run is resumed by running it again); the audit event,
 * written last, records the key version and the rows per place. Nothing to do: no event.
 */
export async function reencryptPersonalData(
  app: AppContext,
  mode: 'clear' | 'not_current',
  opts: { action?: AuditAction; batchSize?: number; onBatch?: (p: ResealProgress) => void } = {},
): Promise<{ keyId: number; places: ResealProgress[] }> {
  const keyId = personalDataKeyring().current;
  const places = await resealPersonalData(app.db, mode, { ...(opts.batchSize === undefined ? {} : { batchSize: opts.batchSize }), ...(opts.onBatch === undefined ? {} : { onBatch: opts.onBatch }) });
  const rows = Object.fromEntries(places.filter((p) => p.rows > 0).map((p) => [p.place, p.rows]));
  if (Object.keys(rows).length > 0 || opts.action !== undefined) {
    await recordAudit(app.db, app.clock, { ip: null, userAgent: 'cli' }, {
      action: opts.action ?? 'personal_data_reencrypt',
      result: 'success',
      actor: { id: null, username: 'cli' },
      details: { keyId, mode, rows },
    });
  }
  return { keyId, places };
}
