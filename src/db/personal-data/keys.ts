import { open, searchHash, seal, isSealed } from '../../crypto/envelope.js';
import { ClearPersonalDataRefused, PersonalDataKeysMissing, UnknownKeyVersion } from '../../crypto/errors.js';
import type { Keyring } from '../../crypto/keyring.js';

/**
 * The process's personal-data keyring, installed once at start (`cli/personal-data-keys.ts`, or
 * test support) like the configuration it comes from. The repositories seal what they write and
 * open what they read through these functions, so use cases and the domain see clear values.
 *
 * `reload` (the key file) is asked once when a value names a version this process does not know:
 * another process rotated the keys after this one started; from then on it seals with the new
 * current version too.
 */
interface Installed {
  keyring: Keyring;
  reload: (() => Keyring) | undefined;
}

let installed: Installed | undefined;

/**
 * Whether a clear value may be read as it is. Yes until the start-up pass has sealed every value
 * written before encryption existed (cli/runtime.ts); from then on a clear value in a sealed
 * column can only have been written behind the application's back, and reading it fails.
 */
let clearValuesAccepted = true;

export function refuseClearPersonalData(): void {
  clearValuesAccepted = false;
}

/** PERSONAL_DATA_ACCEPT_CLEAR (a rolling upgrade from a version that wrote clear values), and tests. */
export function acceptClearPersonalData(): void {
  clearValuesAccepted = true;
}

export function installPersonalDataKeys(keyring: Keyring, reload?: () => Keyring): void {
  installed = { keyring, reload };
}

/** For tests of the missing-key error; a real process never forgets its keys. */
export function uninstallPersonalDataKeys(): void {
  installed = undefined;
}

export function personalDataKeyring(): Keyring {
  if (installed === undefined) throw new PersonalDataKeysMissing();
  return installed.keyring;
}

export const sealValue = (purpose: string, plain: string): string => seal(personalDataKeyring(), purpose, plain);

/**
 * Opens a stored value. A clear value (written before encryption existed, not yet sealed by
 * `keys rotate` or the start-up pass) is returned as it is until the start-up pass is done, and
 * refused after it (`refuseClearPersonalData`).
 */
export function openValue(purpose: string, stored: string): string {
  if (!isSealed(stored) && !clearValuesAccepted) throw new ClearPersonalDataRefused(purpose);
  return openStored(purpose, stored);
}

/** For the reseal pass only: a clear value is exactly what it is there to seal. */
export const openForReseal = (purpose: string, stored: string): string => openStored(purpose, stored);

function openStored(purpose: string, stored: string): string {
  if (!isSealed(stored)) return stored;
  try {
    return open(personalDataKeyring(), purpose, stored);
  } catch (err) {
    if (!(err instanceof UnknownKeyVersion) || installed?.reload === undefined) throw err;
    installed = { ...installed, keyring: installed.reload() };
    return open(installed.keyring, purpose, stored);
  }
}

export const sealNullable = (purpose: string, plain: string | null): string | null => (plain === null ? null : sealValue(purpose, plain));
export const openNullable = (purpose: string, stored: string | null): string | null => (stored === null ? null : openValue(purpose, stored));

/** The keyed SM3 search hash of a mobile number or delivery address (null stays null). */
export const searchHashOf = (kind: 'mobile' | 'email' | 'address', value: string | null): string | null =>
  value === null ? null : searchHash(personalDataKeyring(), kind, value);
