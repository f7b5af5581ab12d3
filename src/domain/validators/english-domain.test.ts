import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { validateEnglishDomain } from './english-domain.js';

describe('validateEnglishDomain', () => {
  it('accepts ordinary names and returns them lower-cased', () => {
    expect(validateEnglishDomain('www.gov.cn')).toEqual({ ok: true, value: 'www.gov.cn', warnings: [] });
    expect(validateEnglishDomain('  SLJ.BD.Gov.CN ')).toMatchObject({ ok: true, value: 'slj.bd.gov.cn' });
    expect(validateEnglishDomain('example.com')).toMatchObject({ ok: true, value: 'example.com' });
  });

  it('strips one trailing dot', () => {
    expect(validateEnglishDomain('www.gov.cn.')).toMatchObject({ ok: true, value: 'www.gov.cn' });
    expect(validateEnglishDomain('www.gov.cn..')).toMatchObject({ ok: false, code: 'EN_DOMAIN_EMPTY_LABEL' });
  });

  it('accepts an ACE (xn--) top-level domain and labels', () => {
    expect(validateEnglishDomain('xn--zfr54hdx6e.xn--zfr164b')).toMatchObject({ ok: true });
  });

  it('rejects an empty name', () => {
    expect(validateEnglishDomain(' ')).toMatchObject({ ok: false, code: 'EN_DOMAIN_EMPTY' });
    expect(validateEnglishDomain('.')).toMatchObject({ ok: false, code: 'EN_DOMAIN_EMPTY_LABEL' });
  });

  it('rejects URLs, paths and ports and asks for the bare domain', () => {
    for (const s of ['http://x.gov.cn', 'https://www.gov.cn/', 'x.gov.cn/y', 'www.gov.cn:8080', 'a.cn?x', 'me@a.cn']) {
      const r = validateEnglishDomain(s);
      expect(r).toMatchObject({ ok: false, code: 'EN_DOMAIN_NOT_BARE' });
      if (!r.ok) expect(r.message).toContain('请只填写域名');
    }
  });

  it('rejects a name longer than 253 characters', () => {
    const name = `${Array.from({ length: 5 }, () => 'a'.repeat(50)).join('.')}.cn`; // 258
    expect(validateEnglishDomain(name)).toMatchObject({ ok: false, code: 'EN_DOMAIN_TOO_LONG' });
  });

  it('accepts a 63-character label and rejects a 64-character one', () => {
    expect(validateEnglishDomain(`${'a'.repeat(63)}.cn`)).toMatchObject({ ok: true });
    expect(validateEnglishDomain(`${'a'.repeat(64)}.cn`)).toMatchObject({ ok: false, code: 'EN_DOMAIN_LABEL_TOO_LONG' });
  });

  it('rejects empty labels', () => {
    expect(validateEnglishDomain('a..cn')).toMatchObject({ ok: false, code: 'EN_DOMAIN_EMPTY_LABEL' });
    expect(validateEnglishDomain('.a.cn')).toMatchObject({ ok: false, code: 'EN_DOMAIN_EMPTY_LABEL' });
  });

  it('rejects characters outside letters, digits and hyphen', () => {
    for (const s of ['a_b.gov.cn', 'a b.cn', '国务院.cn', 'ｗｗｗ.gov.cn']) {
      expect(validateEnglishDomain(s)).toMatchObject({ ok: false, code: 'EN_DOMAIN_BAD_CHARACTER' });
    }
  });

  it('rejects labels starting or ending with a hyphen', () => {
    expect(validateEnglishDomain('-abc.cn')).toMatchObject({ ok: false, code: 'EN_DOMAIN_HYPHEN' });
    expect(validateEnglishDomain('abc-.cn')).toMatchObject({ ok: false, code: 'EN_DOMAIN_HYPHEN' });
  });

  it('rejects a single-label name', () => {
    expect(validateEnglishDomain('localhost')).toMatchObject({ ok: false, code: 'EN_DOMAIN_SINGLE_LABEL' });
  });

  it('rejects a numeric or one-letter top-level domain', () => {
    expect(validateEnglishDomain('1.2.3.4')).toMatchObject({ ok: false, code: 'EN_DOMAIN_BAD_TLD' });
    expect(validateEnglishDomain('example.c')).toMatchObject({ ok: false, code: 'EN_DOMAIN_BAD_TLD' });
  });

  it('warns when a party-government unit uses a name outside gov.cn', () => {
    expect(validateEnglishDomain('example.com.cn', { unitType: 'party_government' })).toMatchObject({
      ok: true,
      warnings: [{ code: 'EN_DOMAIN_NOT_GOV_CN' }],
    });
    expect(validateEnglishDomain('notgov.cn', { unitType: 'party_government' })).toMatchObject({
      warnings: [{ code: 'EN_DOMAIN_NOT_GOV_CN' }],
    });
  });

  it('does not warn when a party-government unit uses gov.cn or a name under it', () => {
    expect(validateEnglishDomain('www.bd.gov.cn', { unitType: 'party_government' })).toMatchObject({ warnings: [] });
    expect(validateEnglishDomain('gov.cn', { unitType: 'party_government' })).toMatchObject({ warnings: [] });
  });

  it('warns when a public institution uses a name under gov.cn', () => {
    expect(validateEnglishDomain('www.xx.gov.cn', { unitType: 'public_institution' })).toMatchObject({
      warnings: [{ code: 'EN_DOMAIN_GOV_CN_UNUSUAL' }],
    });
    expect(validateEnglishDomain('www.xx.org.cn', { unitType: 'public_institution' })).toMatchObject({ warnings: [] });
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })), (s) => {
        expect(typeof validateEnglishDomain(s, { unitType: 'party_government' }).ok).toBe('boolean');
      }),
    );
  });
});
