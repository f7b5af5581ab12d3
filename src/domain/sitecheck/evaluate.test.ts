import { describe, expect, it } from 'vitest';
import { evaluate, type Observations } from './evaluate.js';
import type { FetchObservation } from './types.js';

const now = new Date('2026-06-01T00:00:00Z');
const target = { englishDomain: 'www.hzcz.gov.cn', ipAddresses: ['115.236.10.21'], websiteName: '杭州市财政局' };

function page(scheme: 'http' | 'https', over: Partial<FetchObservation> = {}): FetchObservation {
  return {
    scheme,
    hops: [{ url: `${scheme}://www.hzcz.gov.cn/`, address: '115.236.10.21', status: 200 }],
    finalUrl: `${scheme}://www.hzcz.gov.cn/`,
    status: 200,
    error: null,
    tls: scheme === 'https' ? { valid: true, error: null, subject: 'www.hzcz.gov.cn', issuer: 'CA', validFrom: '2026-01-01T00:00:00.000Z', validTo: '2027-01-01T00:00:00.000Z' } : null,
    contentType: 'text/html',
    bytes: 1000,
    truncated: false,
    charset: 'utf-8',
    title: '杭州市财政局',
    icp: null,
    badgePresent: null,
    ...over,
  };
}
const failed = (scheme: 'http' | 'https', code = 'ECONNREFUSED', message = '连接被拒绝'): FetchObservation => ({ ...page(scheme), status: null, finalUrl: null, error: { code, message }, title: null, tls: null });

function obs(over: Partial<Observations> = {}): Observations {
  return {
    target,
    dns: { addresses: [{ address: '115.236.10.21', allowed: true }], error: null },
    declared: [{ address: '115.236.10.21', allowed: true, resolved: true }],
    fetches: [page('http'), page('https')],
    now,
    ...over,
  };
}
const codes = (o: Observations) => evaluate(o, now, 10).findings.map((f) => `${f.severity}:${f.code}`);

describe('what fails a check', () => {
  it('passes a site whose name resolves to the declared IP and whose title is the 网站名称', () => {
    const r = evaluate(obs(), now, 10);
    expect(r.outcome).toBe('pass');
    expect(r.findings).toEqual([]);
    expect(r.page).toMatchObject({ scheme: 'https', title: '杭州市财政局' });
  });

  it('fails a name that does not resolve (and says no more about the declared IP than whether it is public)', () => {
    const dns = { addresses: [], error: { code: 'ENOTFOUND', message: '域名不存在（NXDOMAIN）' } };
    expect(codes(obs({ dns, declared: [{ address: '115.236.10.21', allowed: true, resolved: false }], fetches: [] }))).toEqual(['fail:DNS_FAILED']);
    expect(codes(obs({ dns, declared: [{ address: '10.0.0.1', allowed: false, resolved: false, reason: '私有地址' }], fetches: [] }))).toEqual(['fail:DNS_FAILED', 'fail:DECLARED_IP_REFUSED']);
  });

  it('fails a name that resolves only to refused addresses', () => {
    const dns = { addresses: [{ address: '127.0.0.1', allowed: false, reason: '环回地址', code: 'IP_LOOPBACK' }], error: null };
    expect(codes(obs({ dns, declared: [{ address: '115.236.10.21', allowed: true, resolved: false }], fetches: [] }))).toEqual(['fail:ADDRESS_REFUSED', 'fail:IP_NOT_RESOLVED']);
  });

  it('fails a declared IP the name does not point to', () => {
    const r = evaluate(obs({ declared: [{ address: '115.236.10.22', allowed: true, resolved: false }] }), now, 10);
    expect(r.outcome).toBe('fail');
    expect(r.findings[0]?.message).toBe('IP地址 115.236.10.22 不在英文域名 www.hzcz.gov.cn 的解析结果中（解析结果：115.236.10.21）');
  });

  it('fails when neither scheme gives a page, naming both errors', () => {
    const r = evaluate(obs({ fetches: [failed('http'), { ...page('https'), status: 500 }] }), now, 10);
    expect(r.findings.map((f) => f.code)).toEqual(['UNREACHABLE']);
    expect(r.findings[0]?.message).toContain('HTTP：连接被拒绝；HTTPS：状态码 500');
  });

  it('fails a title that differs, saying how', () => {
    const r = evaluate(obs({ fetches: [page('http'), page('https', { title: '杭州市财政局 - 首页' })] }), now, 10);
    expect(r.outcome).toBe('fail');
    expect(r.findings[0]).toMatchObject({ code: 'TITLE_MISMATCH', message: expect.stringContaining('网页标题多出 “ - 首页”') });
    expect(r.title?.segments).toEqual([
      { op: 'same', text: '杭州市财政局' },
      { op: 'extra', text: ' - 首页' },
    ]);
  });

  it('fails a page without a title', () => {
    expect(codes(obs({ fetches: [page('http', { title: null }), failed('https')] }))).toEqual(['warn:HTTPS_FAILED', 'fail:TITLE_MISSING']);
  });
});

describe('what is only evidence', () => {
  it('one scheme failing is a warning when the other answers, and the title comes from the one that answered', () => {
    const r = evaluate(obs({ fetches: [page('http'), failed('https')] }), now, 10);
    expect(r.outcome).toBe('pass');
    expect(r.findings.map((f) => f.code)).toEqual(['HTTPS_FAILED']);
    expect(r.page?.scheme).toBe('http');
  });

  it('an invalid or expiring certificate is a warning', () => {
    const expired = page('https', { tls: { valid: false, error: 'CERT_HAS_EXPIRED', subject: 'x', issuer: 'y', validFrom: null, validTo: '2026-05-01T00:00:00.000Z' } });
    expect(codes(obs({ fetches: [page('http'), expired] }))).toEqual(['warn:TLS_INVALID']);
    const soon = page('https', { tls: { valid: true, error: null, subject: 'x', issuer: 'y', validFrom: null, validTo: '2026-06-11T00:00:00.000Z' } });
    const r = evaluate(obs({ fetches: [page('http'), soon] }), now, 10);
    expect(r.findings[0]).toMatchObject({ code: 'TLS_EXPIRING', message: 'HTTPS 证书将于 10 天后过期（2026-06-11）' });
  });

  it('the badge script and the ICP备案号 are reported, not judged', () => {
    const withBadge = { ...target, badgePublicId: 'ABC' };
    expect(codes(obs({ target: withBadge, fetches: [page('https', { badgePresent: false, icp: '浙ICP备1234号' })] }))).toEqual(['warn:BADGE_MISSING', 'info:ICP_FOUND']);
    expect(codes(obs({ target: withBadge, fetches: [page('https', { badgePresent: true })] }))).toEqual(['info:BADGE_PRESENT']);
  });

  it('a name resolving to public and refused addresses is checked on the public one, with a warning', () => {
    const dns = { addresses: [{ address: '115.236.10.21', allowed: true }, { address: '10.0.0.1', allowed: false, reason: '私有地址' }], error: null };
    expect(codes(obs({ dns }))).toEqual(['warn:ADDRESS_PARTLY_REFUSED']);
  });

  it('a truncated page is a warning', () => {
    expect(codes(obs({ fetches: [page('https', { truncated: true })] }))).toEqual(['warn:BODY_TRUNCATED']);
  });
});
