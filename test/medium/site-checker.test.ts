/**
 * The checker against real servers on loopback: names resolved by our own DNS server, pages over
 * HTTP and HTTPS (a CA and certificates made by the test), redirects, loops, slow and oversized
 * answers — and the refusals. The settings' guard fails any connection outside loopback.
 */
import { describe, expect, it } from 'vitest';
import { checkSite } from '../../src/sitecheck/check-site.js';
import type { FetchObservation, SiteCheckReport } from '../../src/domain/sitecheck/types.js';
import { badgeId, host, useSiteWorld } from '../support/sitecheck.js';

const w = useSiteWorld();
const target = (label: string, over: Partial<{ ipAddresses: string[]; websiteName: string; badgePublicId: string | null }> = {}) => ({
  englishDomain: host(label),
  ipAddresses: ['127.0.0.1'],
  websiteName: '杭州市财政局',
  ...over,
});
const codes = (r: SiteCheckReport) => r.findings.map((f) => f.code);
const fetchOf = (r: SiteCheckReport, scheme: 'http' | 'https') => r.fetches.find((f) => f.scheme === scheme) as FetchObservation;

describe('a site that matches', () => {
  it('passes: the name resolves to the declared IP, both home pages answer, the title is the 网站名称', async () => {
    const before = w.received.length;
    const r = await checkSite(w.settings(), target('utf8'));
    expect(r.outcome, JSON.stringify(r.findings)).toBe('pass');
    expect(r.declared).toEqual([{ address: '127.0.0.1', allowed: true, resolved: true, code: 'IP_LOOPBACK', reason: expect.stringContaining('允许列表') }]);
    expect(r.page).toMatchObject({ scheme: 'https', title: '杭州市财政局', charset: 'utf-8', icp: '浙ICP备05012345号-1' });
    expect(fetchOf(r, 'https').tls).toMatchObject({ valid: true, error: null, subject: `*.sitecheck.test`, issuer: 'Zhengming Test CA' });
    expect(fetchOf(r, 'http')).toMatchObject({ status: 200, title: '杭州市财政局', tls: null });
    expect(codes(r)).toEqual(['ICP_FOUND']);
    // No cookies, a clear User-Agent, the Host of the name.
    const seen = w.received.slice(before);
    expect(seen).toHaveLength(2);
    for (const line of seen) expect(line).toMatch(new RegExp(`^https? ${host('utf8')} / cookie= ua=Zhengming-SiteCheck/1\\.0`));
  });

  it('reads a GBK page by its Content-Type header', async () => {
    const r = await checkSite(w.settings(), target('gbk', { websiteName: '杭州市第一人民医院' }));
    expect(r.outcome).toBe('pass');
    expect(r.page).toMatchObject({ title: '杭州市第一人民医院', charset: 'gb18030' });
  });

  it('reads a GB2312 page by its meta tag when the header says nothing', async () => {
    const r = await checkSite(w.settings(), target('gbkmeta', { websiteName: '宁波市教育局' }));
    expect(r.page).toMatchObject({ title: '宁波市教育局', charset: 'gb18030' });
    expect(r.outcome).toBe('pass');
  });

  it('finds the badge script of a website that holds a badge', async () => {
    const r = await checkSite(w.settings(), target('badge', { badgePublicId: badgeId }));
    expect(codes(r)).toContain('BADGE_PRESENT');
    const without = await checkSite(w.settings(), target('utf8', { badgePublicId: badgeId }));
    expect(codes(without)).toContain('BADGE_MISSING');
    expect(without.outcome).toBe('pass');
  });
});

describe('what fails', () => {
  it('a title that differs from the 网站名称, showing exactly the difference', async () => {
    const r = await checkSite(w.settings(), target('mismatch'));
    expect(r.outcome).toBe('fail');
    expect(codes(r)).toContain('TITLE_MISMATCH');
    expect(r.title?.segments).toEqual([
      { op: 'same', text: '杭州市财政局' },
      { op: 'extra', text: ' - 首页' },
    ]);
  });

  it('a page without a title', async () => {
    expect(codes(await checkSite(w.settings(), target('notitle')))).toContain('TITLE_MISSING');
  });

  it('a declared IP the name does not resolve to — and that IP is never contacted', async () => {
    const before = w.connections.length;
    const r = await checkSite(w.settings(), target('utf8', { ipAddresses: ['115.236.10.21'] }));
    expect(r.outcome).toBe('fail');
    expect(r.findings[0]).toMatchObject({ code: 'IP_NOT_RESOLVED', message: `IP地址 115.236.10.21 不在英文域名 ${host('utf8')} 的解析结果中（解析结果：127.0.0.1）` });
    expect(w.connections.slice(before).every((c) => c.startsWith('127.0.0.1:'))).toBe(true);
  });

  it('a name that does not exist', async () => {
    const r = await checkSite(w.settings(), target('nosuch'));
    expect(r.dns.error?.code).toBe('ENOTFOUND');
    expect(codes(r)).toEqual(['DNS_FAILED']);
    expect(r.fetches).toEqual([]);
  });

  it('a site where neither home page answers', async () => {
    const r = await checkSite(w.settings({ ports: { http: 9, https: 9 } }), target('utf8'));
    expect(codes(r)).toEqual(['UNREACHABLE']);
    expect(r.findings[0]?.message).toContain('HTTP：连接被拒绝；HTTPS：连接被拒绝');
  });
});

describe('redirects', () => {
  it('are followed (at most 5), relative or absolute, http to https, and the final page is checked', async () => {
    const r = await checkSite(w.settings(), target('redirect'));
    expect(r.outcome, JSON.stringify(r.findings)).toBe('pass');
    const http = fetchOf(r, 'http');
    expect(http.hops.map((h) => h.status)).toEqual([301, 302, 200]);
    expect(http.finalUrl).toBe(`https://${host('redirect')}:${w.httpsPort}/portal/`);
    expect(http.tls?.valid).toBe(true);
    expect(fetchOf(r, 'https').hops.map((h) => h.url)).toEqual([`https://${host('redirect')}/`, `https://${host('redirect')}/home`, `https://${host('redirect')}/portal/`]);
  });

  it('a loop is stopped', async () => {
    const r = await checkSite(w.settings(), target('loop'));
    expect(fetchOf(r, 'http').error?.code).toBe('REDIRECT_LOOP');
    expect(fetchOf(r, 'http').hops).toHaveLength(3);
    expect(codes(r)).toEqual(['UNREACHABLE']);
  });

  it('more than five are refused', async () => {
    const r = await checkSite(w.settings(), target('many'));
    expect(fetchOf(r, 'https').error?.code).toBe('TOO_MANY_REDIRECTS');
    expect(fetchOf(r, 'https').hops).toHaveLength(6);
  });

  it('to a private address literal is refused without connecting', async () => {
    const before = w.connections.length;
    const r = await checkSite(w.settings(), target('to-private'));
    expect(fetchOf(r, 'http').error).toMatchObject({ code: 'REDIRECT_REFUSED', message: expect.stringContaining('10.0.0.1') });
    expect(w.connections.slice(before).every((c) => c.startsWith('127.0.0.1:'))).toBe(true);
  });

  it('to a name that resolves to a private address is refused without connecting', async () => {
    const before = w.connections.length;
    const r = await checkSite(w.settings(), target('to-inner'));
    expect(fetchOf(r, 'http').error).toMatchObject({ code: 'REDIRECT_REFUSED', message: expect.stringContaining(host('inner')) });
    expect(w.connections.slice(before).every((c) => c.startsWith('127.0.0.1:'))).toBe(true);
  });
});

describe('limits', () => {
  it('a slow site is given up on at the total deadline', async () => {
    const started = Date.now();
    const r = await checkSite(w.settings({ totalTimeoutMs: 1_500 }), target('slow'));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(fetchOf(r, 'http').error?.code).toBe('TIMEOUT');
    expect(codes(r)).toEqual(['UNREACHABLE']);
  });

  it('an oversized page is read up to 2 MB only, and its title still found', async () => {
    const r = await checkSite(w.settings(), target('big'));
    const page = fetchOf(r, 'https');
    expect(page).toMatchObject({ truncated: true, bytes: 2 * 1024 * 1024, title: '杭州市财政局' });
    expect(codes(r)).toContain('BODY_TRUNCATED');
    expect(r.outcome).toBe('pass');
    await expect.poll(() => w.bigSent()).toBeLessThan(20 * 1024 * 1024);
  });

  it('an expired certificate is reported; the page is still read', async () => {
    const r = await checkSite(w.settings(), target('expired'));
    expect(fetchOf(r, 'https').tls).toMatchObject({ valid: false, error: 'CERT_HAS_EXPIRED' });
    expect(fetchOf(r, 'https').title).toBe('杭州市财政局');
    expect(codes(r)).toContain('TLS_INVALID');
    expect(r.findings.find((f) => f.code === 'TLS_INVALID')?.message).toBe('HTTPS 证书无效（证书已过期，CERT_HAS_EXPIRED）');
  });

  it('a certificate from a CA the checker does not trust is reported', async () => {
    const r = await checkSite({ ...w.settings(), ca: [] }, target('utf8'));
    expect(fetchOf(r, 'https').tls?.valid).toBe(false);
    expect(codes(r)).toContain('TLS_INVALID');
  });
});

describe('refusals: never loopback, private, link-local … without the allow-list', () => {
  it.each([
    ['lo', '127.0.0.1', 'IP_LOOPBACK'],
    ['ten', '10.0.0.1', 'IP_PRIVATE'],
    ['meta', '169.254.169.254', 'IP_LINK_LOCAL'],
    ['six', '::1', 'IP_LOOPBACK'],
    ['mapped', '::ffff:7f00:1', 'IP_LOOPBACK'],
  ])('a name resolving to %s (%s) is refused and nothing is fetched', async (label, address, code) => {
    const before = w.connections.length;
    const received = w.received.length;
    const r = await checkSite(w.settings({ allowLoopback: false }), target(label, { ipAddresses: ['115.236.10.21'] }));
    expect(r.dns.addresses).toEqual([expect.objectContaining({ address, allowed: false, code })]);
    expect(codes(r)).toEqual(['ADDRESS_REFUSED', 'IP_NOT_RESOLVED']);
    expect(r.fetches).toEqual([]);
    expect(w.connections.length).toBe(before);
    expect(w.received.length).toBe(received);
  });

  it.each([
    ['127.0.0.1', 'IP_LOOPBACK'],
    ['10.0.0.1', 'IP_PRIVATE'],
    ['169.254.169.254', 'IP_LINK_LOCAL'],
    ['::1', 'IP_LOOPBACK'],
    ['::ffff:127.0.0.1', 'IP_LOOPBACK'],
  ])('a declared IP %s is refused', async (ip, code) => {
    const before = w.connections.length;
    const r = await checkSite(w.settings({ allowLoopback: false }), target('lo', { ipAddresses: [ip] }));
    expect(r.declared[0]).toMatchObject({ allowed: false, code });
    expect(codes(r)).toContain('DECLARED_IP_REFUSED');
    expect(r.outcome).toBe('fail');
    expect(w.connections.length).toBe(before);
  });

  it('the allow-list lets 127.0.0.1 through, and nothing else: 10.0.0.1, 169.254.169.254, ::1 and ::ffff:127.0.0.1 stay refused', async () => {
    for (const label of ['ten', 'meta', 'six', 'mapped']) {
      const r = await checkSite(w.settings(), target(label));
      expect(codes(r), label).toContain('ADDRESS_REFUSED');
      expect(r.fetches, label).toEqual([]);
    }
  });

  it('a name resolving to an allowed and a refused address is checked on the allowed one only', async () => {
    const before = w.connections.length;
    const r = await checkSite(w.settings(), target('mixed'));
    expect(codes(r)).toContain('ADDRESS_PARTLY_REFUSED');
    expect(r.outcome).toBe('pass');
    expect(w.connections.slice(before).every((c) => c.startsWith('127.0.0.1:'))).toBe(true);
  });
});
