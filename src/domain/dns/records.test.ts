import { describe, expect, it } from 'vitest';
import { InvalidInput } from '../errors.js';
import { validateRecord, type DnsRecordInput } from './records.js';

const apex = { unicode: '国务院.政务', ace: 'xn--zfr54hdx6e.xn--zfr164b' };
const D = apex.ace;

function failure(input: DnsRecordInput) {
  try {
    validateRecord(input, apex);
  } catch (e) {
    if (e instanceof InvalidInput) return { code: e.code, field: e.field };
    throw e;
  }
  throw new Error(`accepted ${JSON.stringify(input)}`);
}

describe('validateRecord', () => {
  it('validates an A record under a Chinese host with the default TTL', () => {
    expect(validateRecord({ host: '邮件', type: 'A', value: '1.2.3.4' }, apex)).toEqual({
      host: '邮件',
      hostAce: 'xn--5nq051n',
      owner: `xn--5nq051n.${D}`,
      ttl: 600,
      type: 'A',
      value: '1.2.3.4',
      display: '1.2.3.4',
    });
  });

  it('validates AAAA in canonical form and keeps a given TTL', () => {
    expect(validateRecord({ host: 'www', type: 'AAAA', value: '2400:3200:0:0::0001', ttl: 3600 }, apex)).toMatchObject({
      value: '2400:3200::1',
      ttl: 3600,
    });
  });

  it('validates an MX on @ pointing at 邮件.国务院.政务, with its priority', () => {
    expect(validateRecord({ host: '@', type: 'MX', value: '邮件.国务院.政务.', priority: 10 }, apex)).toEqual({
      host: '@',
      hostAce: '@',
      owner: D,
      ttl: 600,
      type: 'MX',
      value: `xn--5nq051n.${D}`,
      display: '邮件.国务院.政务',
      priority: 10,
    });
  });

  it('requires an MX priority and ignores priority on other types', () => {
    expect(failure({ host: '@', type: 'MX', value: 'mx.example.cn' })).toEqual({ code: 'DNS_PRIORITY_REQUIRED', field: 'priority' });
    expect(validateRecord({ host: 'a', type: 'A', value: '1.2.3.4', priority: 5 }, apex)).not.toHaveProperty('priority');
  });

  it('validates CNAME and rejects one pointing at itself', () => {
    expect(validateRecord({ host: 'www', type: 'CNAME', value: 'site.example.cn.' }, apex)).toMatchObject({ value: 'site.example.cn' });
    expect(failure({ host: 'www', type: 'CNAME', value: `www.${D}` })).toEqual({ code: 'DNS_CNAME_SELF', field: 'value' });
  });

  it('validates NS below the domain and refuses it on @ or on a wildcard', () => {
    expect(validateRecord({ host: 'sub', type: 'NS', value: 'ns1.example.cn' }, apex)).toMatchObject({ owner: `sub.${D}` });
    expect(failure({ host: '@', type: 'NS', value: 'ns1.example.cn' })).toEqual({ code: 'DNS_NS_AT_APEX', field: 'host' });
    expect(failure({ host: '*', type: 'NS', value: 'ns1.example.cn' })).toEqual({ code: 'DNS_NS_WILDCARD', field: 'host' });
  });

  it('validates TXT, including on an _service host', () => {
    expect(validateRecord({ host: '_dmarc', type: 'TXT', value: 'v=DMARC1; p=none' }, apex)).toMatchObject({
      owner: `_dmarc.${D}`,
      value: 'v=DMARC1; p=none',
    });
    expect(failure({ host: '_dmarc', type: 'A', value: '1.2.3.4' })).toMatchObject({ code: 'DNS_HOST_BAD_CHARACTER' });
  });

  it('validates a 显性 URL转发 with its code and keepPath, defaulting to 302 and no path', () => {
    expect(validateRecord({ host: '@', type: 'URL_REDIRECT', value: 'www.example.gov.cn' }, apex)).toMatchObject({
      type: 'URL_REDIRECT',
      value: 'http://www.example.gov.cn/',
      code: 302,
      keepPath: false,
    });
    expect(
      validateRecord({ host: 'old', type: 'URL_REDIRECT', value: 'https://a.gov.cn', redirectCode: 301, keepPath: true }, apex),
    ).toMatchObject({ code: 301, keepPath: true });
  });

  it('validates a 隐性 URL转发 without redirect options', () => {
    const spec = validateRecord({ host: '@', type: 'URL_FRAME', value: 'https://中国政府网.政务/' }, apex);
    expect(spec).toMatchObject({ type: 'URL_FRAME', value: 'https://xn--fiqs8sirgfmhq98a.xn--zfr164b/', display: 'https://中国政府网.政务/' });
    expect(spec).not.toHaveProperty('code');
  });

  it('rejects a redirect code other than 301 or 302', () => {
    const input = { host: '@', type: 'URL_REDIRECT', value: 'https://a.gov.cn', redirectCode: 307 } as unknown as DnsRecordInput;
    expect(failure(input)).toEqual({ code: 'DNS_REDIRECT_CODE_INVALID', field: 'redirectCode' });
  });

  it('refuses URL转发 on a wildcard and to the name itself (or to www for the @ pair)', () => {
    expect(failure({ host: '*', type: 'URL_FRAME', value: 'https://a.gov.cn' })).toEqual({ code: 'DNS_URL_WILDCARD', field: 'host' });
    expect(failure({ host: '@', type: 'URL_REDIRECT', value: 'http://国务院.政务/x' })).toEqual({ code: 'DNS_URL_LOOP', field: 'value' });
    expect(failure({ host: '@', type: 'URL_REDIRECT', value: 'http://www.国务院.政务/' })).toMatchObject({ code: 'DNS_URL_LOOP' });
    expect(failure({ host: 'old', type: 'URL_REDIRECT', value: `https://old.${D}/` })).toMatchObject({ code: 'DNS_URL_LOOP' });
    expect(validateRecord({ host: 'old', type: 'URL_REDIRECT', value: 'https://www.国务院.政务/' }, apex).owner).toBe(`old.${D}`);
  });

  it('reports errors on the right field', () => {
    expect(failure({ host: 'a b', type: 'A', value: '1.2.3.4' })).toMatchObject({ field: 'host' });
    expect(failure({ host: 'a', type: 'A', value: '10.0.0.1' })).toEqual({ code: 'IP_PRIVATE', field: 'value' });
    expect(failure({ host: 'a', type: 'A', value: '1.2.3.4', ttl: 30 })).toEqual({ code: 'DNS_TTL_INVALID', field: 'ttl' });
    expect(failure({ host: 'a', type: 'SRV', value: 'x' } as unknown as DnsRecordInput)).toEqual({ code: 'DNS_TYPE_INVALID', field: 'type' });
  });

  it('treats a missing value as empty', () => {
    const input = { host: 'a', type: 'TXT' } as unknown as DnsRecordInput;
    expect(failure(input)).toEqual({ code: 'DNS_TXT_EMPTY', field: 'value' });
  });
});
