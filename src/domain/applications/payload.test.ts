import { describe, expect, it } from 'vitest';
import { InvalidInput } from '../errors.js';
import { AddressAllowList } from '../sitecheck/address.js';
import { ApplicationPayload, normalisePayload } from './payload.js';

const handler = { name: '陈静', mobile: '138 0000 0001', email: 'cj@example.com', idNumber: '11010519491231002x' };
const base = {
  type: 'change' as const,
  websiteId: '00000000-0000-4000-8000-000000000001',
  websiteName: '杭州市财政局',
  description: '本网站由杭州市财政局主办。',
  handler,
};

function error(p: unknown, unitType: 'party_government' | 'public_institution' = 'party_government') {
  try {
    normalisePayload(ApplicationPayload.parse(p), unitType);
  } catch (e) {
    if (e instanceof InvalidInput) return { code: e.code, field: e.field };
    throw e;
  }
  return null;
}

describe('the application form rules', () => {
  it('normalises a 自建网站 change: domain lower-cased, IP canonical, contact normalised', () => {
    const { payload, warnings } = normalisePayload(
      ApplicationPayload.parse({ ...base, hosting: 'self_hosted', englishDomain: 'WWW.HZCZ.GOV.CN', ipAddresses: ['2400:3200:0000::1'] }),
      'party_government',
    );
    expect(payload).toMatchObject({ englishDomain: 'www.hzcz.gov.cn', ipAddresses: ['2400:3200::1'], handler: { mobile: '13800000001', idNumber: '11010519491231002X' } });
    expect(warnings).toEqual([]);
  });

  it('warns, without refusing, when a 党政机关 site is not under gov.cn', () => {
    const { warnings } = normalisePayload(
      ApplicationPayload.parse({ ...base, hosting: 'self_hosted', englishDomain: 'www.example.cn', ipAddresses: ['115.236.10.21'] }),
      'party_government',
    );
    expect(warnings.map((w) => w.code)).toContain('EN_DOMAIN_NOT_GOV_CN');
  });

  it('requires the English domain and an IP for 自建网站', () => {
    expect(error({ ...base, hosting: 'self_hosted', ipAddresses: ['115.236.10.21'] })).toEqual({ code: 'ENGLISH_DOMAIN_REQUIRED', field: 'englishDomain' });
    expect(error({ ...base, hosting: 'self_hosted', englishDomain: 'www.hzcz.gov.cn' })).toEqual({ code: 'IP_REQUIRED', field: 'ipAddresses' });
  });

  it('refuses an English domain or IP for 网络红页', () => {
    expect(error({ ...base, hosting: 'red_page', englishDomain: 'www.hzcz.gov.cn' })).toEqual({ code: 'RED_PAGE_NO_ENGLISH_DOMAIN', field: 'englishDomain' });
    expect(error({ ...base, hosting: 'red_page', ipAddresses: ['115.236.10.21'] })).toEqual({ code: 'RED_PAGE_NO_IP', field: 'ipAddresses' });
  });

  it('names the bad IP by its position, and refuses private addresses', () => {
    expect(error({ ...base, hosting: 'self_hosted', englishDomain: 'www.hzcz.gov.cn', ipAddresses: ['115.236.10.21', '192.168.1.2'] })).toEqual({ code: 'IP_PRIVATE', field: 'ipAddresses.1' });
  });

  it('admits a non-public IP only when the deployment explicitly allows it (SITECHECK_ALLOW_ADDRESSES), with a warning', () => {
    const form = (ip: string) => ApplicationPayload.parse({ ...base, hosting: 'self_hosted', englishDomain: 'www.hzcz.gov.cn', ipAddresses: [ip] });
    const allowed = AddressAllowList.parse(['127.0.0.1', 'fd00::/8']);
    const { payload, warnings } = normalisePayload(form('127.0.0.1'), 'party_government', { allowedAddresses: allowed });
    expect(payload).toMatchObject({ ipAddresses: ['127.0.0.1'] });
    expect(warnings).toEqual([{ code: 'IP_ALLOW_LISTED', message: expect.stringContaining('IP地址 127.0.0.1 不是公网地址（环回地址 127.0.0.0/8）') }]);
    expect(normalisePayload(form('[FD00:0::5]'), 'party_government', { allowedAddresses: allowed }).payload).toMatchObject({ ipAddresses: ['fd00::5'] });
    // Not listed, malformed, or no list at all: refused as before.
    expect(() => normalisePayload(form('127.0.0.2'), 'party_government', { allowedAddresses: allowed })).toThrow(InvalidInput);
    expect(() => normalisePayload(form('::ffff:127.0.0.1'), 'party_government', { allowedAddresses: allowed })).toThrow(InvalidInput);
    expect(() => normalisePayload(form('127.0.0.1:80'), 'party_government', { allowedAddresses: allowed })).toThrow(InvalidInput);
    expect(error({ ...base, hosting: 'self_hosted', englishDomain: 'www.hzcz.gov.cn', ipAddresses: ['127.0.0.1'] })).toEqual({ code: 'IP_LOOPBACK', field: 'ipAddresses.0' });
  });

  it('refuses a URL as 网站名称, a bad ID number, and 资格复核 for a 事业单位', () => {
    expect(error({ ...base, hosting: 'red_page', websiteName: 'http://www.hzcz.gov.cn' })?.code).toBe('WEBSITE_NAME_IS_URL');
    expect(error({ ...base, hosting: 'red_page', handler: { ...handler, idNumber: '110105194912310021' } })?.field).toBe('handler.idNumber');
    expect(error({ ...base, type: 're_review', hosting: 'red_page' }, 'public_institution')?.code).toBe('RE_REVIEW_PARTY_ONLY');
  });

  it('accepts a 注销 with a reason', () => {
    expect(error({ type: 'deregister', websiteId: base.websiteId, reason: '改为网络红页', handler })).toBeNull();
  });
});
