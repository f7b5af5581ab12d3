import { describe, expect, it } from 'vitest';
import type { DomainRecord } from '../domain/registration-data/record.js';
import { domainResponse, entityResponse, errorResponse, helpResponse } from './present.js';

const c = { base: 'https://rdap.example/rdap', requestUrl: 'https://rdap.example/rdap/domain/x', now: new Date('2025-03-01T00:00:00Z') };
const record: DomainRecord = {
  handle: '0123456789ABCDEF0123456789ABCDEF-ZM',
  unicode: '杭州市财政局.政务',
  ace: 'xn--fiq8iy4ul7pwrbd0y6a.xn--zfr164b',
  status: 'active',
  registeredAt: new Date('2024-01-01T00:00:00Z'),
  expiresAt: new Date('2027-01-01T00:00:00Z'),
  lastChangedAt: new Date('2024-06-01T00:00:00Z'),
  registrant: { handle: '11330100002503110X', name: '杭州市财政局', type: 'party_government', regions: ['浙江省', '杭州市'], address: '浙江省杭州市上城区解放东路18号' },
  nameservers: ['ns1.zhengming.example', 'xn--fiqs8s.xn--zfr164b'],
  delegated: false,
};

const linksAreComplete = (links: unknown) => {
  for (const l of links as Record<string, unknown>[]) expect(l).toEqual(expect.objectContaining({ value: expect.any(String), rel: expect.any(String), href: expect.any(String) }));
};

describe('RDAP responses', () => {
  it('a domain has the RFC 9083 members: conformance, class, names, status, events, registrant, nameservers, self link', () => {
    const r = domainResponse(record, c) as any;
    expect(r).toMatchObject({ rdapConformance: ['rdap_level_0'], objectClassName: 'domain', handle: record.handle, ldhName: record.ace, unicodeName: record.unicode, status: ['active'] });
    expect(r.events.map((e: any) => e.eventAction)).toEqual(['registration', 'expiration', 'last changed', 'last update of RDAP database']);
    expect(r.events[0].eventDate).toBe('2024-01-01T00:00:00.000Z');
    expect(r.nameservers).toEqual([
      { objectClassName: 'nameserver', ldhName: 'ns1.zhengming.example' },
      { objectClassName: 'nameserver', ldhName: 'xn--fiqs8s.xn--zfr164b', unicodeName: '中国.政务' },
    ]);
    expect(r.links).toEqual([{ value: c.requestUrl, rel: 'self', href: `${c.base}/domain/${record.ace}`, type: 'application/rdap+json' }]);
    linksAreComplete(r.notices[0].links);
    expect(r.remarks).toBeUndefined();
  });

  it('the registrant is an organisation jCard with name and address only', () => {
    const e = (domainResponse(record, c) as any).entities[0];
    expect(e).toMatchObject({ objectClassName: 'entity', handle: '11330100002503110X', roles: ['registrant'] });
    expect(e.vcardArray).toEqual([
      'vcard',
      [
        ['version', {}, 'text', '4.0'],
        ['kind', {}, 'text', 'org'],
        ['fn', {}, 'text', '杭州市财政局'],
        ['org', {}, 'text', '杭州市财政局'],
        ['adr', {}, 'text', ['', '', '浙江省杭州市上城区解放东路18号', '杭州市', '浙江省', '', '中国']],
      ],
    ]);
    expect(JSON.stringify(e)).not.toMatch(/"(tel|email)"/);
    linksAreComplete(e.links);
  });

  it('an inactive domain says why in a remark', () => {
    const r = domainResponse({ ...record, status: 'deregistered' }, c) as any;
    expect(r.status).toEqual(['inactive']);
    expect(r.remarks[0].description[0]).toContain('已注销');
  });

  it('entity, help and error responses are top-level objects with conformance and notices', () => {
    const e = entityResponse(record.registrant, c) as any;
    expect(e).toMatchObject({ rdapConformance: ['rdap_level_0'], objectClassName: 'entity', handle: '11330100002503110X' });
    const h = helpResponse(c) as any;
    expect(h.rdapConformance).toEqual(['rdap_level_0']);
    expect(h.notices.length).toBeGreaterThanOrEqual(1);
    for (const n of h.notices) linksAreComplete(n.links);
    expect(errorResponse(404, ['域名不存在'], c)).toMatchObject({ rdapConformance: ['rdap_level_0'], errorCode: 404, title: 'Not Found', description: ['域名不存在'] });
  });
});
