import { describe, it, expect } from 'vitest';
import * as validators from './index.js';

describe('validators index', () => {
  it('re-exports every validator', () => {
    for (const name of [
      'valid',
      'invalid',
      'validateUscc',
      'usccCheckCharacter',
      'organisationCodeCheck',
      'validateIdNumber',
      'idCheckDigit',
      'maskIdNumber',
      'validateMobile',
      'maskMobile',
      'validateEmail',
      'validateChineseDomain',
      'toAce',
      'toUnicode',
      'validateEnglishDomain',
      'validatePublicIp',
      'expandIpv6',
      'compressIpv6',
      'checkPasswordPolicy',
    ]) {
      expect(typeof (validators as Record<string, unknown>)[name], name).toBe('function');
    }
    expect(validators.chineseTldAce.政务).toBe('xn--zfr164b');
  });
});
