import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { idCheckDigit, maskIdNumber, validateIdNumber } from './id-number.js';

const now = new Date('2025-06-15T12:00:00+08:00');

/** Builds a valid number from region (6), birth date (8) and sequence (3). */
function makeId(region: string, birth: string, seq: string): string {
  const first17 = region + birth + seq;
  return first17 + idCheckDigit(first17);
}

describe('validateIdNumber', () => {
  it('accepts 11010519491231002X', () => {
    expect(validateIdNumber('11010519491231002X', now)).toEqual({ ok: true, value: '11010519491231002X', warnings: [] });
  });

  it('accepts 440524188001010014, born in 1880 (years from 1800 are accepted)', () => {
    expect(validateIdNumber('440524188001010014', now)).toMatchObject({ ok: true });
  });

  it('normalises a lower-case x to X and trims spaces', () => {
    expect(validateIdNumber(' 11010519491231002x ', now)).toMatchObject({ ok: true, value: '11010519491231002X' });
  });

  it('computes the check character', () => {
    expect(idCheckDigit('11010519491231002')).toBe('X');
    expect(idCheckDigit('44052418800101001')).toBe('4');
  });

  it('rejects a number whose check character is wrong', () => {
    expect(validateIdNumber('440524188001010015', now)).toMatchObject({ ok: false, code: 'ID_CHECK' });
  });

  it('rejects an empty number', () => {
    expect(validateIdNumber('', now)).toMatchObject({ ok: false, code: 'ID_EMPTY' });
  });

  it('rejects numbers of the wrong length or with letters other than a final X', () => {
    expect(validateIdNumber('11010519491231002', now)).toMatchObject({ code: 'ID_FORMAT' });
    expect(validateIdNumber('110105194912310', now)).toMatchObject({ code: 'ID_FORMAT' }); // old 15-digit form
    expect(validateIdNumber('1101051949123100X2', now)).toMatchObject({ code: 'ID_FORMAT' });
    expect(validateIdNumber('11010519491231002Y', now)).toMatchObject({ code: 'ID_FORMAT' });
  });

  it('rejects a birth date that does not exist (Feb 30, month 13, Feb 29 in a common year)', () => {
    expect(validateIdNumber(makeId('110105', '19900230', '002'), now)).toMatchObject({ code: 'ID_BIRTH_DATE_INVALID' });
    expect(validateIdNumber(makeId('110105', '19901301', '002'), now)).toMatchObject({ code: 'ID_BIRTH_DATE_INVALID' });
    expect(validateIdNumber(makeId('110105', '19000229', '002'), now)).toMatchObject({ code: 'ID_BIRTH_DATE_INVALID' });
  });

  it('accepts Feb 29 in a leap year', () => {
    expect(validateIdNumber(makeId('110105', '20000229', '002'), now)).toMatchObject({ ok: true });
  });

  it('rejects a birth date in the future', () => {
    expect(validateIdNumber(makeId('110105', '20250616', '002'), now)).toMatchObject({ code: 'ID_BIRTH_DATE_FUTURE' });
    expect(validateIdNumber(makeId('110105', '20250615', '002'), now)).toMatchObject({ ok: true });
  });

  it('uses the date in China to decide what "today" is', () => {
    const lateUtc = new Date('2025-06-15T17:00:00Z'); // already 2025-06-16 01:00 in Beijing
    expect(validateIdNumber(makeId('110105', '20250616', '002'), lateUtc)).toMatchObject({ ok: true });
  });

  it('rejects a birth year before 1800', () => {
    expect(validateIdNumber(makeId('110105', '17991231', '002'), now)).toMatchObject({ code: 'ID_BIRTH_DATE_TOO_EARLY' });
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })), (s) => {
        expect(typeof validateIdNumber(s).ok).toBe('boolean');
      }),
    );
  });
});

describe('maskIdNumber', () => {
  it('keeps the first 6 and last 4 characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });

  it('masks short inputs completely', () => {
    expect(maskIdNumber('1234567890')).toBe('**********');
  });
});
