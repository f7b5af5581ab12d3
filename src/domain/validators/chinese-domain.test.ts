import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { chineseTldAce, toAce, toUnicode, validateChineseDomain } from './chinese-domain.js';

/** 21 characters of this name encode to a 62-octet ACE label, 22 to 64 octets. */
const longName = '中华人民共和国国家发展和改革委员会国务院办公厅';

describe('validateChineseDomain', () => {
  it('accepts 国务院.政务 and gives its ACE form', () => {
    expect(validateChineseDomain('国务院.政务')).toEqual({
      ok: true,
      value: { unicode: '国务院.政务', ace: 'xn--zfr54hdx6e.xn--zfr164b', tld: '政务', label: '国务院' },
      warnings: [],
    });
  });

  it('accepts 中国政府网.政务', () => {
    expect(validateChineseDomain('中国政府网.政务')).toMatchObject({
      ok: true,
      value: { ace: 'xn--fiqs8sirgfmhq98a.xn--zfr164b' },
    });
  });

  it('accepts 。 ． and ｡ as separators', () => {
    for (const s of ['国务院。政务', '国务院．政务', '国务院｡政务']) {
      expect(validateChineseDomain(s)).toMatchObject({
        ok: true,
        value: { unicode: '国务院.政务', ace: 'xn--zfr54hdx6e.xn--zfr164b' },
      });
    }
  });

  it('accepts .公益, a trailing dot, ACE input, letters, digits and inner hyphens', () => {
    expect(validateChineseDomain('红十字会.公益')).toMatchObject({ ok: true, value: { tld: '公益' } });
    expect(validateChineseDomain('国务院.政务.')).toMatchObject({ ok: true, value: { unicode: '国务院.政务' } });
    expect(validateChineseDomain('xn--zfr54hdx6e.xn--zfr164b')).toMatchObject({ ok: true, value: { label: '国务院' } });
    expect(validateChineseDomain('北京12345-热线.政务')).toMatchObject({ ok: true });
    expect(validateChineseDomain('ABC.政务')).toMatchObject({ ok: true, value: { unicode: 'abc.政务' } });
    expect(validateChineseDomain('12345.政务')).toMatchObject({ ok: true });
    expect(validateChineseDomain('㐀.政务')).toMatchObject({ ok: true }); // CJK Extension A
  });

  it('accepts a 21-character label that encodes to 62 octets and rejects 22 characters (64 octets)', () => {
    const ok = validateChineseDomain(`${longName.slice(0, 21)}.政务`);
    expect(ok).toMatchObject({ ok: true });
    if (ok.ok) expect(ok.value.ace.split('.')[0]).toHaveLength(62);
    expect(validateChineseDomain(`${longName.slice(0, 22)}.政务`)).toMatchObject({
      ok: false,
      code: 'CN_DOMAIN_LABEL_TOO_LONG',
    });
  });

  it('rejects an empty name', () => {
    expect(validateChineseDomain('  ')).toMatchObject({ ok: false, code: 'CN_DOMAIN_EMPTY' });
  });

  it('rejects URLs and asks for the bare domain', () => {
    expect(validateChineseDomain('http://国务院.政务')).toMatchObject({ ok: false, code: 'CN_DOMAIN_NOT_BARE' });
    expect(validateChineseDomain('国务院.政务/index')).toMatchObject({ ok: false, code: 'CN_DOMAIN_NOT_BARE' });
  });

  it('rejects a name longer than 253 characters', () => {
    expect(validateChineseDomain(`${'一.'.repeat(130)}政务`)).toMatchObject({ ok: false, code: 'CN_DOMAIN_TOO_LONG' });
  });

  it('rejects empty labels, including labels UTS-46 maps to nothing', () => {
    expect(validateChineseDomain('国务院..政务')).toMatchObject({ ok: false, code: 'CN_DOMAIN_EMPTY_LABEL' });
    expect(validateChineseDomain('.政务')).toMatchObject({ ok: false, code: 'CN_DOMAIN_EMPTY_LABEL' });
    expect(validateChineseDomain('\u00ad.政务')).toMatchObject({ ok: false, code: 'CN_DOMAIN_EMPTY_LABEL' });
  });

  it('rejects a name without a TLD', () => {
    expect(validateChineseDomain('国务院')).toMatchObject({ ok: false, code: 'CN_DOMAIN_NO_TLD' });
  });

  it('rejects TLDs other than 政务 and 公益', () => {
    for (const s of ['example.com', '国务院.中国', '国务院.政務', '国务院.政务.cn']) {
      expect(validateChineseDomain(s)).toMatchObject({ ok: false, code: 'CN_DOMAIN_BAD_TLD' });
    }
  });

  it('rejects sub-labels under the registered name', () => {
    expect(validateChineseDomain('办公厅.国务院.政务')).toMatchObject({ ok: false, code: 'CN_DOMAIN_TOO_MANY_LABELS' });
  });

  it('rejects characters other than letters, digits, hyphen and 汉字', () => {
    for (const s of ['a_b.政务', '国务院😀.政务', 'ß.政务', '〇.政务', 'a b.政务', 'xn--abc.政务']) {
      expect(validateChineseDomain(s)).toMatchObject({ ok: false, code: 'CN_DOMAIN_BAD_CHARACTER' });
    }
  });

  it('rejects a leading or trailing hyphen and -- in positions 3–4', () => {
    for (const s of ['-abc.政务', '国务院-.政务', 'ab--cd.政务']) {
      expect(validateChineseDomain(s)).toMatchObject({ ok: false, code: 'CN_DOMAIN_HYPHEN' });
    }
  });

  it('warns when a public institution uses .政务', () => {
    expect(validateChineseDomain('某研究院.政务', 'public_institution')).toMatchObject({
      ok: true,
      warnings: [{ code: 'CN_DOMAIN_TLD_UNUSUAL' }],
    });
    expect(validateChineseDomain('某研究院.公益', 'public_institution')).toMatchObject({ warnings: [] });
  });

  it('warns when a party-government unit uses .公益', () => {
    expect(validateChineseDomain('某某局.公益', 'party_government')).toMatchObject({
      warnings: [{ code: 'CN_DOMAIN_TLD_UNUSUAL' }],
    });
    expect(validateChineseDomain('某某局.政务', 'party_government')).toMatchObject({ warnings: [] });
  });

  it('never throws on arbitrary strings', () => {
    const anyString = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }));
    fc.assert(
      fc.property(anyString, (s) => {
        expect(typeof validateChineseDomain(s).ok).toBe('boolean');
        expect(typeof validateChineseDomain(`${s}.政务`, 'public_institution').ok).toBe('boolean');
      }),
    );
  });
});

describe('Chinese domain helpers', () => {
  it('knows the ACE forms of both TLDs', () => {
    expect(chineseTldAce).toEqual({ 政务: 'xn--zfr164b', 公益: 'xn--55qw42g' });
    expect(toAce('政务')).toBe(chineseTldAce.政务);
    expect(toAce('公益')).toBe(chineseTldAce.公益);
  });

  it('converts between Unicode and ACE forms', () => {
    expect(toAce('国务院。政务')).toBe('xn--zfr54hdx6e.xn--zfr164b');
    expect(toUnicode('xn--fiqs8sirgfmhq98a.xn--zfr164b')).toBe('中国政府网.政务');
    expect(toAce('a b')).toBeNull();
    expect(toUnicode('')).toBeNull();
  });
});
