import { clearValueCounts, type ResealProgress } from '../../db/personal-data/reencrypt.js';
import { allSealedSince, markAllSealed } from '../../db/personal-data/state.js';
import type { AppContext } from '../context.js';
import { reencryptPersonalData } from './reencrypt-personal-data.js';

export interface StartSealing {
  keyId: number | null;
  /** Clear values sealed now (rows per place; places with none left out). */
  sealed: ResealProgress[];
  /** Clear values found and left as they are: written behind the application's back. */
  refused: ResealProgress[];
}

/**
 * The start's pass over personal data. Until it has once finished, clear values are what an
 * upgrade from before encryption left: they are sealed, and the database records that they all
 * are. After that, a clear value can only have been written past the application (a ciphertext
 * swapped for a chosen value): it is reported and left, so reads refuse it, instead of being
 * sealed and so made to look genuine — unless `acceptClear` (PERSONAL_DATA_ACCEPT_CLEAR, an
 * upgrade whose old processes still write clear values) says to seal it anyway.
 */
export async function sealClearValuesAtStart(app: AppContext, opts: { acceptClear: boolean }): Promise<StartSealing> {
  const since = await allSealedSince(app.db);
  if (since !== null && !opts.acceptClear) return { keyId: null, sealed: [], refused: await clearValueCounts(app.db) };
  const { keyId, places } = await reencryptPersonalData(app, 'clear');
  if (since === null) await markAllSealed(app.db, app.clock.now());
  return { keyId, sealed: places.filter((p) => p.rows > 0), refused: [] };
}
