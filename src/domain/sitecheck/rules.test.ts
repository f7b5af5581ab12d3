import { describe, expect, it } from 'vitest';
import type { ApplicationPayload } from '../applications/payload.js';
import { explanationFor, sameTarget, SiteCheckFailed, siteCheckTargetOf } from './rules.js';
import type { SiteCheckReport } from './types.js';

const handler = { name: '陈静', mobile: '13800000001', email: 'a@example.com', idNumber: '11010519491231002X' };
const self: ApplicationPayload = { type: 'change', websiteId: '00000000-0000-4000-8000-000000000000', hosting: 'self_hosted', websiteName: ' 杭州市财政局 ', englishDomain: 'WWW.HZCZ.GOV.CN', ipAddresses: ['115.236.10.21', ''], description: 'x', handler };

const report = (outcome: 'pass' | 'fail'): SiteCheckReport => ({
  target: { englishDomain: 'www.hzcz.gov.cn', ipAddresses: [], websiteName: '' },
  dns: { addresses: [], error: null },
  declared: [],
  fetches: [],
  page: null,
  title: null,
  findings: outcome === 'fail' ? [{ code: 'TITLE_MISMATCH', severity: 'fail', message: '网站名称与网页标题不一致' }] : [],
  outcome,
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 1,
});

describe('which forms are checked', () => {
  it('a self-hosted site form is, normalised', () => {
    expect(siteCheckTargetOf(self, 'B1')).toEqual({ englishDomain: 'www.hzcz.gov.cn', ipAddresses: ['115.236.10.21'], websiteName: '杭州市财政局', badgePublicId: 'B1' });
  });
  it('网络红页 and 注销 are not', () => {
    expect(siteCheckTargetOf({ ...self, hosting: 'red_page', englishDomain: null, ipAddresses: [] })).toBeNull();
    expect(siteCheckTargetOf({ type: 'deregister', websiteId: self.websiteId, reason: 'x', handler })).toBeNull();
  });
  it('the same site in another order is the same target', () => {
    expect(sameTarget({ englishDomain: 'a.cn', ipAddresses: ['1.1.1.1', '2.2.2.2'], websiteName: 'A' }, { englishDomain: 'a.cn', ipAddresses: ['2.2.2.2', '1.1.1.1'], websiteName: 'A' })).toBe(true);
    expect(sameTarget({ englishDomain: 'a.cn', ipAddresses: ['1.1.1.1'], websiteName: 'A' }, { englishDomain: 'a.cn', ipAddresses: ['1.1.1.1'], websiteName: 'B' })).toBe(false);
  });
});

describe('submitting with a failing check', () => {
  it('is refused without an explanation, with the findings in the message and the report attached', () => {
    const err = (() => {
      try {
        explanationFor(report('fail'), '   ');
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(SiteCheckFailed);
    expect((err as SiteCheckFailed).message).toContain('网站名称与网页标题不一致');
    expect((err as SiteCheckFailed).details?.['report']).toMatchObject({ outcome: 'fail' });
    expect((err as SiteCheckFailed).field).toBe('siteCheckExplanation');
  });
  it('is accepted with an explanation, trimmed', () => {
    expect(explanationFor(report('fail'), '  网站改版中，标题将于下周更新  ')).toBe('网站改版中，标题将于下周更新');
  });
  it('refuses an explanation over 500 characters', () => {
    expect(() => explanationFor(report('fail'), '说'.repeat(501))).toThrow(/500/);
  });
  it('a passing check keeps no explanation', () => {
    expect(explanationFor(report('pass'), '多余的说明')).toBeNull();
  });
});
