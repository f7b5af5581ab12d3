import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { validateEmail } from './email.js';

describe('validateEmail', () => {
  it('accepts ordinary addresses', () => {
    for (const e of ['zhangsan@example.gov.cn', 'a.b+tag@mail.example.com', "o'brien_1@x.cn", 'x@xn--fiqs8s.cn']) {
      expect(validateEmail(e)).toEqual({ ok: true, value: e, warnings: [] });
    }
  });

  it('trims and lower-cases the domain but keeps the local part', () => {
    expect(validateEmail('  ZhangSan@Example.GOV.CN ')).toMatchObject({ ok: true, value: 'ZhangSan@example.gov.cn' });
  });

  it('accepts an internationalised domain and returns its Unicode form', () => {
    expect(validateEmail('info@国务院.政务')).toMatchObject({ ok: true, value: 'info@国务院.政务' });
    expect(validateEmail('info@中国政府网。政务')).toMatchObject({ ok: true, value: 'info@中国政府网.政务' });
  });

  it('rejects an empty address', () => {
    expect(validateEmail('')).toMatchObject({ ok: false, code: 'EMAIL_EMPTY' });
  });

  it('rejects addresses without exactly one @ or with an empty side', () => {
    for (const e of ['zhangsan', 'a@b@c.cn', '@example.cn', 'zhangsan@']) {
      expect(validateEmail(e)).toMatchObject({ ok: false, code: 'EMAIL_INVALID' });
    }
  });

  it('rejects an address longer than 254 characters', () => {
    const domain = `${Array.from({ length: 4 }, () => 'a'.repeat(60)).join('.')}.cn`; // 247
    expect(validateEmail(`abcdefgh@${domain}`)).toMatchObject({ ok: false, code: 'EMAIL_TOO_LONG' });
  });

  it('rejects an address whose ASCII (ACE) form is longer than 254 characters', () => {
    const label = '中华人民共和国国家发展和改革委员会'; // 17 characters, about 50 octets in ACE
    const email = `${'a'.repeat(64)}@${label}.${label}.${label}.${label}.政务`;
    expect(email.length).toBeLessThan(254);
    expect(validateEmail(email)).toMatchObject({ ok: false, code: 'EMAIL_TOO_LONG' });
  });

  it('rejects a local part longer than 64 characters', () => {
    expect(validateEmail(`${'a'.repeat(65)}@example.cn`)).toMatchObject({ ok: false, code: 'EMAIL_LOCAL_TOO_LONG' });
    expect(validateEmail(`${'a'.repeat(64)}@example.cn`)).toMatchObject({ ok: true });
  });

  it('rejects bad local parts (dots at the ends, double dots, spaces, quotes, non-ASCII)', () => {
    for (const e of ['.a@x.cn', 'a.@x.cn', 'a..b@x.cn', 'a b@x.cn', '"ab"@x.cn', '张三@x.cn']) {
      expect(validateEmail(e)).toMatchObject({ ok: false, code: 'EMAIL_BAD_LOCAL' });
    }
  });

  it('rejects domains without a dot, with bad labels, IP literals or a trailing dot', () => {
    for (const e of ['a@localhost', 'a@exa_mple.cn', 'a@-x.cn', 'a@[1.2.3.4]', 'a@x.cn.', 'a@x..cn', 'a@1.2.3.4', 'a@x y.cn']) {
      expect(validateEmail(e)).toMatchObject({ ok: false, code: 'EMAIL_BAD_DOMAIN' });
    }
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })), (s) => {
        expect(typeof validateEmail(s).ok).toBe('boolean');
        expect(typeof validateEmail(`a@${s}`).ok).toBe('boolean');
      }),
    );
  });
});
