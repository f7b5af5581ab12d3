import { describe, expect, it } from 'vitest';
import { InvalidInput } from '../errors.js';
import { validateHost } from './host.js';

const apex = { unicode: '国务院.政务', ace: 'xn--zfr54hdx6e.xn--zfr164b' };

function failure(host: string, opts: { allowUnderscore?: boolean } = {}) {
  try {
    validateHost(host, apex, opts);
  } catch (e) {
    if (e instanceof InvalidInput) return { code: e.code, field: e.field };
    throw e;
  }
  throw new Error(`accepted ${host}`);
}

describe('validateHost', () => {
  it('maps @ to the domain itself', () => {
    expect(validateHost(' @ ', apex)).toEqual({ host: '@', hostAce: '@', owner: 'xn--zfr54hdx6e.xn--zfr164b' });
  });

  it('converts a Chinese host 邮件 under 国务院.政务 to ACE and keeps the display form', () => {
    expect(validateHost('邮件', apex)).toEqual({
      host: '邮件',
      hostAce: 'xn--5nq051n',
      owner: 'xn--5nq051n.xn--zfr54hdx6e.xn--zfr164b',
    });
  });

  it('accepts ACE input and shows it in Unicode', () => {
    expect(validateHost('XN--5NQ051N', apex)).toMatchObject({ host: '邮件', hostAce: 'xn--5nq051n' });
  });

  it('lower-cases, maps full-width letters and accepts 。 as a separator', () => {
    expect(validateHost('WWW', apex)).toMatchObject({ host: 'www', owner: 'www.xn--zfr54hdx6e.xn--zfr164b' });
    expect(validateHost('ＯＡ', apex)).toMatchObject({ host: 'oa' });
    expect(validateHost('mail。邮件', apex)).toMatchObject({ host: 'mail.邮件', hostAce: 'mail.xn--5nq051n' });
  });

  it('accepts * alone and as the leftmost label', () => {
    expect(validateHost('*', apex)).toEqual({ host: '*', hostAce: '*', owner: '*.xn--zfr54hdx6e.xn--zfr164b' });
    expect(validateHost('*.邮件', apex)).toMatchObject({ host: '*.邮件', owner: '*.xn--5nq051n.xn--zfr54hdx6e.xn--zfr164b' });
  });

  it('rejects * anywhere else', () => {
    for (const h of ['a.*', 'a*', '*a.b', 'x.*.y']) {
      expect(failure(h)).toEqual({ code: 'DNS_HOST_WILDCARD_POSITION', field: 'host' });
    }
  });

  it('rejects an empty host and empty labels', () => {
    expect(failure('  ')).toMatchObject({ code: 'DNS_HOST_EMPTY' });
    for (const h of ['www.', '.www', 'a..b']) expect(failure(h)).toMatchObject({ code: 'DNS_HOST_EMPTY_LABEL' });
  });

  it('asks for the prefix only when the host includes the domain', () => {
    for (const h of ['www.国务院.政务', '国务院.政务', 'www.xn--zfr54hdx6e.xn--zfr164b']) {
      expect(failure(h)).toMatchObject({ code: 'DNS_HOST_INCLUDES_DOMAIN' });
    }
  });

  it('rejects characters outside letters, digits, hyphen and 汉字', () => {
    for (const h of ['a_b', 'a b', 'a/b', 'a@b', 'ü', '⒈a', 'xn--zzzz', '한국']) {
      expect(failure(h)).toMatchObject({ code: 'DNS_HOST_BAD_CHARACTER' });
    }
  });

  it('accepts _service labels only when asked (TXT)', () => {
    expect(failure('_dmarc')).toMatchObject({ code: 'DNS_HOST_BAD_CHARACTER' });
    expect(validateHost('_dmarc', apex, { allowUnderscore: true })).toMatchObject({ hostAce: '_dmarc' });
    expect(validateHost('s1._domainkey', apex, { allowUnderscore: true })).toMatchObject({ hostAce: 's1._domainkey' });
    expect(failure('_', { allowUnderscore: true })).toMatchObject({ code: 'DNS_HOST_BAD_CHARACTER' });
  });

  it('rejects a leading or trailing hyphen and -- in positions 3 and 4', () => {
    for (const h of ['-a', 'a-', 'x.-y', 'ab--c']) expect(failure(h)).toMatchObject({ code: 'DNS_HOST_HYPHEN' });
    expect(validateHost('a-b--c', apex)).toMatchObject({ host: 'a-b--c' });
  });

  it('accepts an ACE label of 63 octets and rejects 64', () => {
    expect(validateHost('a'.repeat(63), apex)).toMatchObject({ hostAce: 'a'.repeat(63) });
    expect(failure('a'.repeat(64))).toMatchObject({ code: 'DNS_HOST_LABEL_TOO_LONG' });
    // 22 of these CJK characters encode to 64 octets (reference §3.2).
    expect(failure('中华人民共和国国家发展和改革委员会国务院办公厅')).toMatchObject({ code: 'DNS_HOST_LABEL_TOO_LONG' });
  });

  it('rejects an owner name longer than 253 octets', () => {
    const label = 'a'.repeat(60);
    // 3 × 61 + 26 (domain) = 209 octets; a fourth label makes 270.
    expect(validateHost([label, label, label].join('.'), apex).owner.length).toBe(209);
    expect(failure([label, label, label, label].join('.'))).toMatchObject({ code: 'DNS_HOST_TOO_LONG' });
  });
});
