import { describe, expect, it } from 'vitest';
import type { DomainRecord } from '../domain/registration-data/record.js';
import { domainAnswer, flatten, noMatch } from './format.js';

const now = new Date('2025-03-01T00:00:00Z');
const record: DomainRecord = {
  handle: '0123456789ABCDEF0123456789ABCDEF-ZM',
  unicode: '杭州市财政局.政务',
  ace: 'xn--fiq8iy4ul7pwrbd0y6a.xn--zfr164b',
  status: 'active',
  registeredAt: new Date('2024-01-01T00:00:00Z'),
  expiresAt: new Date('2027-01-01T00:00:00Z'),
  lastChangedAt: new Date('2024-06-01T00:00:00Z'),
  registrant: { handle: '11330100002503110X', name: '杭州市财政局', type: 'party_government', regions: ['浙江省', '杭州市'], address: '解放东路18号' },
  nameservers: ['ns1.zhengming.example', 'ns2.zhengming.example'],
  delegated: false,
};

describe('WHOIS answers', () => {
  it('lists the domain in Key: value lines ending in CRLF', () => {
    const text = domainAnswer(record, now);
    expect(text.split('\r\n')).toEqual(
      expect.arrayContaining([
        'Domain Name: 杭州市财政局.政务',
        'Domain Name (ACE): xn--fiq8iy4ul7pwrbd0y6a.xn--zfr164b',
        'Registry Domain ID: 0123456789ABCDEF0123456789ABCDEF-ZM',
        'Domain Status: ok (正常)',
        'Registrant Organization: 杭州市财政局',
        'Registrant State/Province: 浙江省',
        'Registrant City: 杭州市',
        'Name Server: ns1.zhengming.example',
        'Name Server: ns2.zhengming.example',
        'Creation Date: 2024-01-01T00:00:00.000Z',
        'Registry Expiry Date: 2027-01-01T00:00:00.000Z',
      ]),
    );
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('cannot be made to print a forged field through a unit’s own text', () => {
    const text = domainAnswer({ ...record, registrant: { ...record.registrant, address: '路1号\r\nRegistrant Email: x@y\u2028Phone: 1' } }, now);
    expect(text.split('\r\n').filter((l) => l.startsWith('Registrant Email'))).toEqual([]);
    expect(flatten('a\u0085b\u0000c')).toBe('a b c');
  });

  it('answers No match for an unknown name, quoting it on one line', () => {
    expect(noMatch('无此域名.政务\r\nX: y', now)).toContain('No match for "无此域名.政务  X: y".');
  });
});
