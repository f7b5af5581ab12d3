import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { validateRecord, type DnsRecordInput, type DnsRecordSpec, type RecordType } from './records.js';
import { verifyRecordSet, verifyRecordSets } from './rules.js';
import { urlForwardPair } from './url-forward.js';

const apex = { unicode: '国务院.政务', ace: 'xn--zfr54hdx6e.xn--zfr164b' };
let nextId = 0;
function rec(host: string, type: RecordType, value: string, extra: Partial<DnsRecordInput> = {}): DnsRecordSpec {
  return { ...validateRecord({ host, type, value, ...(type === 'MX' ? { priority: 10 } : {}), ...extra }, apex), id: `r${++nextId}` };
}

function failure(f: () => void) {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code, status: e.status, message: e.message };
    throw e;
  }
  throw new Error('accepted');
}

const a = rec('www', 'A', '1.2.3.4');
const url = rec('@', 'URL_REDIRECT', 'https://www.example.gov.cn');

describe('verifyRecordSet', () => {
  it('accepts records that do not collide', () => {
    const existing = [a, rec('www', 'A', '1.2.3.5'), rec('@', 'MX', 'mx.example.cn'), rec('@', 'TXT', 'v=spf1 -all')];
    expect(() => verifyRecordSet(existing, rec('www', 'AAAA', '2400:3200::1'))).not.toThrow();
    expect(() => verifyRecordSet(existing, rec('@', 'TXT', 'google-site-verification=x'))).not.toThrow();
    expect(() => verifyRecordSet(existing, rec('邮件', 'CNAME', 'mail.example.cn'))).not.toThrow();
  });

  it('refuses a CNAME at @ (400)', () => {
    const cname = rec('@', 'CNAME', 'site.example.cn');
    expect(failure(() => verifyRecordSet([], cname))).toMatchObject({ code: 'DNS_CNAME_AT_APEX', status: 400 });
  });

  it('refuses a CNAME beside any other record, in either direction (409)', () => {
    const cname = rec('www', 'CNAME', 'site.example.cn');
    expect(failure(() => verifyRecordSet([a], cname))).toMatchObject({ code: 'DNS_CNAME_CONFLICT', status: 409 });
    expect(failure(() => verifyRecordSet([cname], a))).toMatchObject({ code: 'DNS_CNAME_CONFLICT' });
    expect(failure(() => verifyRecordSet([cname], rec('www', 'TXT', 'x')))).toMatchObject({ code: 'DNS_CNAME_CONFLICT' });
    expect(failure(() => verifyRecordSet([cname], rec('www', 'CNAME', 'other.example.cn')))).toMatchObject({
      code: 'DNS_CNAME_CONFLICT',
    });
    expect(failure(() => verifyRecordSet([rec('old', 'URL_FRAME', 'https://a.gov.cn')], rec('old', 'CNAME', 'b.example.cn'))))
      .toMatchObject({ code: 'DNS_CNAME_CONFLICT' });
  });

  it('refuses URL转发 beside A/AAAA/CNAME or another URL转发, telling the user to delete the old records first', () => {
    const apexA = rec('@', 'A', '1.2.3.4');
    const result = failure(() => verifyRecordSet([apexA], url));
    expect(result).toMatchObject({ code: 'DNS_URL_FORWARD_CONFLICT', status: 409 });
    expect(result.message).toContain('请先删除原解析内容后再添加');
    expect(failure(() => verifyRecordSet([rec('@', 'AAAA', '2400:3200::1')], url))).toMatchObject({ code: 'DNS_URL_FORWARD_CONFLICT' });
    expect(failure(() => verifyRecordSet([url], apexA))).toMatchObject({ code: 'DNS_URL_FORWARD_CONFLICT' });
    expect(failure(() => verifyRecordSet([url], rec('@', 'URL_FRAME', 'https://b.gov.cn')))).toMatchObject({
      code: 'DNS_URL_FORWARD_CONFLICT',
    });
    expect(failure(() => verifyRecordSet([rec('www', 'CNAME', 's.example.cn')], rec('www', 'URL_FRAME', 'https://a.gov.cn'))))
      .toMatchObject({ code: 'DNS_CNAME_CONFLICT' });
  });

  it('lets URL转发 live beside MX and TXT (mail keeps working)', () => {
    expect(() => verifyRecordSet([rec('@', 'MX', 'mx.example.cn'), rec('@', 'TXT', 'v=spf1 -all')], url)).not.toThrow();
  });

  it('refuses exact duplicates (same host, type, value)', () => {
    expect(failure(() => verifyRecordSet([a], rec('WWW', 'A', '1.2.3.4')))).toMatchObject({ code: 'DNS_DUPLICATE_RECORD', status: 409 });
    expect(failure(() => verifyRecordSet([rec('@', 'MX', 'mx.example.cn')], rec('@', 'MX', 'MX.example.cn.', { priority: 20 }))))
      .toMatchObject({ code: 'DNS_DUPLICATE_RECORD' });
    expect(failure(() => verifyRecordSet([url], rec('@', 'URL_REDIRECT', 'https://www.example.gov.cn/')))).toMatchObject({
      code: 'DNS_DUPLICATE_RECORD',
    });
    expect(() => verifyRecordSet([rec('@', 'TXT', 'abc')], rec('@', 'TXT', 'ABC'))).not.toThrow();
  });

  it('leaves out the record being edited', () => {
    const cname = rec('www', 'CNAME', 'site.example.cn');
    expect(() => verifyRecordSet([cname], rec('www', 'CNAME', 'new.example.cn'), cname.id)).not.toThrow();
    expect(() => verifyRecordSet([a], { ...a, ttl: 60 }, a.id)).not.toThrow();
    expect(() => verifyRecordSet([a, url], rec('www', 'CNAME', 'x.example.cn'), a.id)).not.toThrow();
    expect(failure(() => verifyRecordSet([a], { ...a }, 'other'))).toMatchObject({ code: 'DNS_DUPLICATE_RECORD' });
  });

  it('applies the delegation rules', () => {
    const ns = rec('sub', 'NS', 'ns1.example.cn');
    expect(failure(() => verifyRecordSet([ns], rec('sub', 'TXT', 'x')))).toMatchObject({ code: 'DNS_DELEGATION_CONFLICT', status: 409 });
  });
});

describe('verifyRecordSets', () => {
  it('checks the URL转发 pair against existing records and each other', () => {
    const pair = urlForwardPair(url);
    expect(() => verifyRecordSets([rec('@', 'MX', 'mx.example.cn')], pair)).not.toThrow();
    expect(failure(() => verifyRecordSets([a], pair))).toMatchObject({ code: 'DNS_URL_FORWARD_CONFLICT' });
    expect(() => verifyRecordSets([a], pair, [a.id ?? ''])).not.toThrow();
    expect(failure(() => verifyRecordSets([], [...pair, pair[0] as DnsRecordSpec]))).toMatchObject({ code: 'DNS_DUPLICATE_RECORD' });
  });

  it('supports the 自建网站 change: delete the red-page records, add URL转发 on @', () => {
    const old = [rec('@', 'A', '1.2.3.4'), rec('www', 'A', '1.2.3.4'), rec('@', 'AAAA', '2400:3200::1')];
    expect(failure(() => verifyRecordSets(old, urlForwardPair(url)))).toMatchObject({ code: 'DNS_URL_FORWARD_CONFLICT' });
    expect(() => verifyRecordSets(old, urlForwardPair(url), old.map((r) => r.id ?? ''))).not.toThrow();
  });
});
