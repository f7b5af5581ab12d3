import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { maskMobile, validateMobile } from './mobile.js';

describe('validateMobile', () => {
  it('accepts an 11-digit number starting with 13–19', () => {
    for (const n of ['13812341234', '15900000000', '19912345678', '16612345678']) {
      expect(validateMobile(n)).toEqual({ ok: true, value: n, warnings: [] });
    }
  });

  it('strips +86, 0086 and 86 country codes', () => {
    expect(validateMobile('+8613812341234')).toMatchObject({ ok: true, value: '13812341234' });
    expect(validateMobile('+86 138 1234 1234')).toMatchObject({ ok: true, value: '13812341234' });
    expect(validateMobile('008613812341234')).toMatchObject({ ok: true, value: '13812341234' });
    expect(validateMobile('8613812341234')).toMatchObject({ ok: true, value: '13812341234' });
  });

  it('strips spaces and hyphens', () => {
    expect(validateMobile('138-1234-1234')).toMatchObject({ ok: true, value: '13812341234' });
    expect(validateMobile(' 138 1234 1234 ')).toMatchObject({ ok: true, value: '13812341234' });
  });

  it('rejects an empty number', () => {
    expect(validateMobile(' - ')).toMatchObject({ ok: false, code: 'MOBILE_EMPTY' });
  });

  it('rejects numbers with a wrong prefix or length', () => {
    for (const n of ['12812341234', '10000000000', '1381234123', '138123412345', '02158881234', '1381234123a']) {
      expect(validateMobile(n)).toMatchObject({ ok: false, code: 'MOBILE_INVALID' });
    }
  });

  it('rejects full-width digits', () => {
    expect(validateMobile('１３８１２３４１２３４')).toMatchObject({ ok: false, code: 'MOBILE_INVALID' });
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })), (s) => {
        expect(typeof validateMobile(s).ok).toBe('boolean');
        expect(typeof maskMobile(s)).toBe('string');
      }),
    );
  });
});

describe('maskMobile', () => {
  it('masks the middle four digits', () => {
    expect(maskMobile('13812341234')).toBe('138****1234');
  });

  it('masks anything that is not 11 characters completely', () => {
    expect(maskMobile('12345')).toBe('*****');
  });
});
