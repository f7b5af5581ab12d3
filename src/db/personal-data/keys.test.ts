import { afterEach, describe, expect, it } from 'vitest';
import { keyIdOf, seal } from '../../crypto/envelope.js';
import { ClearPersonalDataRefused, PersonalDataKeysMissing, UnknownKeyVersion } from '../../crypto/errors.js';
import { keyringFrom, newKeyMaterial, withNewVersion } from '../../crypto/keyring.js';
import { acceptClearPersonalData, installPersonalDataKeys, openForReseal, openValue, refuseClearPersonalData, sealValue, uninstallPersonalDataKeys } from './keys.js';

const one = newKeyMaterial();
const two = withNewVersion(one);

describe('the process keyring', () => {
  afterEach(() => {
    uninstallPersonalDataKeys();
    acceptClearPersonalData();
  });

  it('names the missing keys', () => {
    expect(() => sealValue('users.mobile', '13800000001')).toThrow(PersonalDataKeysMissing);
    expect(() => openValue('users.mobile', seal(keyringFrom(one, 't'), 'users.mobile', 'x'))).toThrow(PersonalDataKeysMissing);
  });

  it('passes a clear value from before encryption through', () => {
    installPersonalDataKeys(keyringFrom(one, 't'));
    expect(openValue('users.mobile', '13800000001')).toBe('13800000001');
  });

  it('refuses a clear value once the start-up pass has sealed them all, except to the reseal pass', () => {
    installPersonalDataKeys(keyringFrom(one, 't'));
    const sealed = sealValue('users.mobile', '13800000001');
    refuseClearPersonalData();
    expect(() => openValue('users.mobile', '13800000009')).toThrow(ClearPersonalDataRefused);
    expect(() => openValue('users.mobile', '13800000009')).toThrow(expect.objectContaining({ code: 'PERSONAL_DATA_NOT_SEALED' }));
    expect(openValue('users.mobile', sealed)).toBe('13800000001');
    expect(openForReseal('users.mobile', '13800000009')).toBe('13800000009');
  });

  it('re-reads the key file once when another process rotated, then seals with the new version', () => {
    let reloads = 0;
    installPersonalDataKeys(keyringFrom(one, 'old'), () => {
      reloads += 1;
      return keyringFrom(two, 'new');
    });
    expect(keyIdOf(sealValue('users.mobile', '13800000001'))).toBe(1);
    const fromRotated = seal(keyringFrom(two, 'other process'), 'users.mobile', '13800000002');
    expect(openValue('users.mobile', fromRotated)).toBe('13800000002');
    expect(reloads).toBe(1);
    expect(keyIdOf(sealValue('users.mobile', '13800000001'))).toBe(2);
  });

  it('still names an unknown version after the re-read', () => {
    installPersonalDataKeys(keyringFrom(one, 'old'), () => keyringFrom(one, 'same'));
    const fromElsewhere = seal(keyringFrom(two, 'other'), 'users.mobile', '13800000002');
    expect(() => openValue('users.mobile', fromElsewhere)).toThrow(UnknownKeyVersion);
  });
});
