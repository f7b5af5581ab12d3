import { describe, expect, it } from 'vitest';
import { InvalidInput } from '../errors.js';
import { validateAddress, validatePriority, validateTargetHost, validateTtl, validateTxt } from './values.js';

function failure(f: () => unknown) {
  try {
    f();
  } catch (e) {
    if (e instanceof InvalidInput) return { code: e.code, field: e.field, message: e.message };
    throw e;
  }
  throw new Error('accepted');
}

describe('validateAddress', () => {
  it('accepts public addresses, IPv6 in RFC 5952 form', () => {
    expect(validateAddress('A', ' 1.2.3.4 ')).toBe('1.2.3.4');
    expect(validateAddress('AAAA', '2400:3200:0000:0000:0000:0000:0000:0001')).toBe('2400:3200::1');
    expect(validateAddress('AAAA', '2400:DA00::6666')).toBe('2400:da00::6666');
  });

  it('reuses the IP validator codes for non-public addresses', () => {
    expect(failure(() => validateAddress('A', '10.0.0.1'))).toMatchObject({ code: 'IP_PRIVATE', field: 'value' });
    expect(failure(() => validateAddress('A', '127.0.0.1'))).toMatchObject({ code: 'IP_LOOPBACK' });
    expect(failure(() => validateAddress('AAAA', 'fe80::1'))).toMatchObject({ code: 'IP_LINK_LOCAL' });
    expect(failure(() => validateAddress('A', '1.2.3'))).toMatchObject({ code: 'IP_INVALID' });
    expect(failure(() => validateAddress('A', ''))).toMatchObject({ code: 'IP_EMPTY' });
  });

  it('requires the family of the record type', () => {
    expect(failure(() => validateAddress('A', '2400:3200::1'))).toMatchObject({ code: 'DNS_VALUE_NOT_IPV4' });
    expect(failure(() => validateAddress('AAAA', '1.2.3.4'))).toMatchObject({ code: 'DNS_VALUE_NOT_IPV6' });
    expect(failure(() => validateAddress('AAAA', '::ffff:1.2.3.4'))).toMatchObject({ code: 'DNS_VALUE_V4_MAPPED' });
  });
});

describe('validateTargetHost', () => {
  it('accepts LDH names, strips one trailing dot, lower-cases', () => {
    expect(validateTargetHost('CNAME', 'WWW.Example.gov.cn.')).toEqual({
      value: 'www.example.gov.cn',
      display: 'www.example.gov.cn',
    });
  });

  it('converts an IDN target to ACE and keeps the Unicode display', () => {
    expect(validateTargetHost('MX', '邮件.国务院.政务')).toEqual({
      value: 'xn--5nq051n.xn--zfr54hdx6e.xn--zfr164b',
      display: '邮件.国务院.政务',
    });
    expect(validateTargetHost('NS', 'ns1.国务院。政务')).toMatchObject({ value: 'ns1.xn--zfr54hdx6e.xn--zfr164b' });
  });

  it('rejects IP addresses with a hint towards A/AAAA', () => {
    for (const v of ['1.2.3.4', '2400::1', '[2400::1]', '1.2.3.4.']) {
      expect(failure(() => validateTargetHost('CNAME', v))).toMatchObject({ code: 'DNS_VALUE_IS_IP', field: 'value' });
    }
  });

  it('rejects empty, URL-like, single-label and malformed names', () => {
    expect(failure(() => validateTargetHost('CNAME', ' '))).toMatchObject({ code: 'DNS_VALUE_EMPTY' });
    for (const v of ['http://a.cn', 'a.cn/x', 'localhost', 'a..cn', '-a.cn', 'a_b.cn', 'a b.cn', 'xn--zzzz.cn']) {
      expect(failure(() => validateTargetHost('CNAME', v))).toMatchObject({ code: 'DNS_VALUE_HOSTNAME_INVALID' });
    }
    expect(failure(() => validateTargetHost('CNAME', 'a_b.cn')).message).toContain('CNAME记录值只能包含');
  });
});

describe('validateTxt', () => {
  it('keeps the text as typed, UTF-8 allowed', () => {
    expect(validateTxt(' v=spf1 -all ')).toBe(' v=spf1 -all ');
    expect(validateTxt('国务院 "site" \\ verification')).toBe('国务院 "site" \\ verification');
  });

  it('allows 2048 characters and no more', () => {
    expect(validateTxt('字'.repeat(2048))).toHaveLength(2048);
    expect(failure(() => validateTxt('a'.repeat(2049)))).toMatchObject({ code: 'DNS_TXT_TOO_LONG' });
    expect(validateTxt('😀'.repeat(2048))).toHaveLength(4096); // counted in characters, not UTF-16 units
  });

  it('rejects empty text, control characters and lone surrogates', () => {
    expect(failure(() => validateTxt('  '))).toMatchObject({ code: 'DNS_TXT_EMPTY' });
    for (const v of ['a\nb', 'a\tb', 'a\u0000', 'a\u007f', 'a\ud800b']) {
      expect(failure(() => validateTxt(v))).toMatchObject({ code: 'DNS_TXT_CONTROL_CHAR' });
    }
  });
});

describe('validateTtl and validatePriority', () => {
  it('defaults TTL to 600 and accepts 60–86400', () => {
    expect(validateTtl(undefined)).toBe(600);
    expect(validateTtl(null)).toBe(600);
    expect(validateTtl(60)).toBe(60);
    expect(validateTtl(86400)).toBe(86400);
  });

  it('rejects a TTL out of range or not an integer', () => {
    for (const t of [59, 86401, 0, -1, 600.5, Number.NaN]) {
      expect(failure(() => validateTtl(t))).toMatchObject({ code: 'DNS_TTL_INVALID', field: 'ttl' });
    }
  });

  it('requires an MX priority of 0–65535', () => {
    expect(validatePriority(0)).toBe(0);
    expect(validatePriority(65535)).toBe(65535);
    expect(failure(() => validatePriority(undefined))).toMatchObject({ code: 'DNS_PRIORITY_REQUIRED', field: 'priority' });
    for (const p of [-1, 65536, 1.5]) {
      expect(failure(() => validatePriority(p))).toMatchObject({ code: 'DNS_PRIORITY_INVALID', field: 'priority' });
    }
  });
});
