import { describe, expect, it } from 'vitest';
import type { PublicSite } from '../../app/public/public-site.js';
import { badgeScript, maxBadgeScriptBytes } from './badge-script.js';

const longLabel = 'a'.repeat(63);
const site: PublicSite = {
  publicId: 'A'.repeat(32),
  badgeNumber: '330100202612345678901234',
  badgeVersion: 12345,
  badgeIssuedAt: new Date(),
  deregisteredAt: null,
  status: 'active',
  hosting: 'self_hosted',
  englishDomain: `${longLabel}.${longLabel}.${longLabel}.${'b'.repeat(58)}.cn`,
  domainAce: 'xn--abc.xn--zfr164b',
  websiteName: '</script><script>alert(1)</script>',
  description: '',
  domainName: '测试.政务',
  unit: { name: '</script>', type: 'public_institution', address: '', functions: '' },
  redPage: { address: '', functions: '', phone: null },
  redPagePublishedAt: null,
  redPageWithdrawnAt: null,
  issuer: '杭州市机构编制委员会办公室',
  stamp: '',
};

describe('the badge script', () => {
  it('stays within 2 KB with a 253-character English domain and a long public host', () => {
    expect(site.englishDomain!.length).toBe(253);
    const js = badgeScript(site, 'badge.zhengming.example.gov.cn:8443');
    expect(Buffer.byteLength(js)).toBeLessThanOrEqual(maxBadgeScriptBytes);
  });
  it('carries nothing a unit wrote, and parses as JavaScript', () => {
    const js = badgeScript(site, 'edge.example');
    expect(js).not.toContain('</script>');
    expect(js).not.toContain('alert');
    expect(() => new Function(js)).not.toThrow();
  });
});
