import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { checkPasswordPolicy, passwordClassCount } from './password-policy.js';

describe('checkPasswordPolicy', () => {
  it('accepts a password with three or four classes and returns it unchanged', () => {
    for (const p of ['Zhengming2025', 'zhengming-2025', 'ZHENGMING_2025', 'Zheng-Ming', ' Abcdef1 ', '正名Zhengming1']) {
      expect(checkPasswordPolicy(p, 'handler01')).toEqual({ ok: true, value: p, warnings: [] });
    }
  });

  it('counts character classes (lower, upper, digit, other printable)', () => {
    expect(passwordClassCount('abc')).toBe(1);
    expect(passwordClassCount('aB1')).toBe(3);
    expect(passwordClassCount('aB1!')).toBe(4);
    expect(passwordClassCount('汉字 ')).toBe(1);
    expect(passwordClassCount('abc\u0000\u200b')).toBe(1); // control and format characters are no class
  });

  it('rejects a password shorter than 8 characters', () => {
    expect(checkPasswordPolicy('Ab1!xyz', 'u')).toMatchObject({ ok: false, code: 'PASSWORD_TOO_SHORT' });
  });

  it('counts length in code points, not UTF-16 units', () => {
    expect(checkPasswordPolicy('Ab1😀😀😀', 'u')).toMatchObject({ ok: false, code: 'PASSWORD_TOO_SHORT' });
    expect(checkPasswordPolicy('Ab1😀😀😀😀😀', 'u')).toMatchObject({ ok: true });
  });

  it('accepts 128 characters and rejects 129', () => {
    expect(checkPasswordPolicy(`Ab1${'x'.repeat(125)}`, 'u')).toMatchObject({ ok: true });
    expect(checkPasswordPolicy(`Ab1${'x'.repeat(126)}`, 'u')).toMatchObject({ ok: false, code: 'PASSWORD_TOO_LONG' });
  });

  it('rejects a password with fewer than three classes', () => {
    for (const p of ['zhengming', 'zhengming2025', 'ZHENGMING2025', '12345678', 'abcdefgh!!']) {
      expect(checkPasswordPolicy(p, 'handler01')).toMatchObject({ ok: false, code: 'PASSWORD_TOO_SIMPLE' });
    }
  });

  it('rejects a password equal to the username, ignoring case', () => {
    expect(checkPasswordPolicy('Admin@2025', 'admin@2025')).toMatchObject({ ok: false, code: 'PASSWORD_CONTAINS_USERNAME' });
  });

  it('rejects a password containing a username of 3 or more characters, ignoring case', () => {
    expect(checkPasswordPolicy('My-ADMIN-2025', 'admin')).toMatchObject({ ok: false, code: 'PASSWORD_CONTAINS_USERNAME' });
    expect(checkPasswordPolicy('Xzhang1!', 'Zhang')).toMatchObject({ ok: false, code: 'PASSWORD_CONTAINS_USERNAME' });
  });

  it('allows a password containing a username shorter than 3 characters', () => {
    expect(checkPasswordPolicy('Good-li-2025', 'li')).toMatchObject({ ok: true });
  });

  it('never throws on arbitrary strings', () => {
    const anyString = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }));
    fc.assert(
      fc.property(anyString, anyString, (p, u) => {
        expect(typeof checkPasswordPolicy(p, u).ok).toBe('boolean');
      }),
    );
  });
});
