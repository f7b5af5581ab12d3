import { createHash } from 'node:crypto';
import { parseKeyMaterial, type KeyMaterial } from '../../src/crypto/keyring.js';
import { purposes } from '../../src/db/personal-data/fields.js';
import { installPersonalDataKeys, openValue } from '../../src/db/personal-data/keys.js';

/**
 * The personal-data keys of the medium and e2e tests (vitest `setupFiles`): fixed, so the test
 * process and the `zhengming` processes it spawns (which inherit PERSONAL_DATA_KEYS from the
 * environment) read each other's rows. Test-only values derived from a label, never used anywhere else.
 */
const testKey = (label: string) => createHash('sha256').update(`zhengming test personal-data key: ${label}`).digest('base64');

export const testKeyMaterial: KeyMaterial = { current: 1, keys: { '1': testKey('1') }, search: testKey('search') };

process.env['PERSONAL_DATA_KEYS'] ??= JSON.stringify(testKeyMaterial);
installPersonalDataKeys(parseKeyMaterial(process.env['PERSONAL_DATA_KEYS'], 'PERSONAL_DATA_KEYS (tests)'));

/** An outbox row's address as the worker reads it (the column is sealed). */
export const clearAddress = (stored: string | null): string | null => (stored === null ? null : openValue(purposes.notificationAddress, stored));
