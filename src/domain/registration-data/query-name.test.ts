import { describe, expect, it } from 'vitest';
import { parseQueryName } from './query-name.js';

const hz = { ok: true, ace: 'xn--zfr54hdx6e.xn--zfr164b', unicode: '国务院.政务' };

describe('parseQueryName', () => {
  it('reads a Unicode name, its ACE form in any case, and either with a trailing dot', () => {
    for (const s of ['国务院.政务', '国务院.政务.', 'xn--zfr54hdx6e.xn--zfr164b', 'XN--ZFR54HDX6E.Xn--Zfr164b.', ' 国务院。政务 ', '国务院．政务']) {
      expect(parseQueryName(s)).toEqual(hz);
    }
  });

  it('reads well-formed names outside our TLDs, which are then simply not found', () => {
    expect(parseQueryName('Example.COM')).toEqual({ ok: true, ace: 'example.com', unicode: 'example.com' });
    expect(parseQueryName('政务')).toEqual({ ok: true, ace: 'xn--zfr164b', unicode: '政务' });
  });

  it('rejects what is not a domain name', () => {
    for (const s of ['', '.', '..', 'a..b', '.政务', 'a b.政务', 'a/b.政务', 'http://国务院.政务', '国务院.政务:80', 'a@b', '%E5%9B%BD.政务', 'a_b.政务', '-a.政务', 'a-.政务', 'xn--zz.xn--zfr164b', 'xn--.com', 'a\u0000b', '<script>.政务']) {
      expect(parseQueryName(s), s).toMatchObject({ ok: false });
    }
  });

  it('rejects a label over 63 octets and a name over 253 or absurdly long input', () => {
    expect(parseQueryName(`${'a'.repeat(64)}.政务`)).toMatchObject({ ok: false });
    expect(parseQueryName(`${'中华人民共和国国家发展和改革委员会国务院办公厅'}.政务`)).toMatchObject({ ok: false });
    expect(parseQueryName(`${'a'.repeat(63)}.`.repeat(4) + 'cn')).toMatchObject({ ok: false });
    expect(parseQueryName('a'.repeat(10_000))).toMatchObject({ ok: false });
  });
});
