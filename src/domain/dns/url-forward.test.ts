import { describe, expect, it } from 'vitest';
import { validateRecord, type DnsRecordSpec } from './records.js';
import { partnerOf, urlForwardPair } from './url-forward.js';

const apex = { unicode: '国务院.政务', ace: 'xn--zfr54hdx6e.xn--zfr164b' };
const D = apex.ace;
const atApex = validateRecord({ host: '@', type: 'URL_REDIRECT', value: 'www.example.gov.cn', redirectCode: 301 }, apex);

describe('urlForwardPair', () => {
  it('turns URL转发 on @ into @ and a generated www, both forwarding to the target', () => {
    expect(urlForwardPair(atApex)).toEqual([
      atApex,
      {
        host: 'www', hostAce: 'www', owner: `www.${D}`, ttl: 600, type: 'URL_REDIRECT',
        value: 'http://www.example.gov.cn/', display: 'http://www.example.gov.cn/', code: 301, keepPath: false,
        generatedFromHost: '@',
      },
    ]);
  });

  it('does the same for 隐性 URL转发 and drops a stored id from the copy', () => {
    const frame = { ...validateRecord({ host: '@', type: 'URL_FRAME', value: 'https://a.gov.cn' }, apex), id: 'x1' };
    const [, www] = urlForwardPair(frame);
    expect(www).toMatchObject({ type: 'URL_FRAME', owner: `www.${D}`, generatedFromHost: '@' });
    expect(www).not.toHaveProperty('id');
  });

  it('yields one record on any other host, and for other types', () => {
    const old = validateRecord({ host: 'old', type: 'URL_REDIRECT', value: 'https://a.gov.cn' }, apex);
    expect(urlForwardPair(old)).toEqual([old]);
    const a = validateRecord({ host: '@', type: 'A', value: '1.2.3.4' }, apex);
    expect(urlForwardPair(a)).toEqual([a]);
  });
});

describe('partnerOf', () => {
  const [apexHalf, wwwHalf] = urlForwardPair({ ...atApex, id: 'p1' }).map((r, i) => ({ ...r, id: `p${i + 1}` })) as [
    DnsRecordSpec,
    DnsRecordSpec,
  ];
  const mx = { ...validateRecord({ host: '@', type: 'MX', value: 'mx.example.cn', priority: 5 }, apex), id: 'm' };
  const other = { ...validateRecord({ host: 'old', type: 'URL_FRAME', value: 'https://a.gov.cn' }, apex), id: 'o' };
  const records = [mx, apexHalf, other, wwwHalf];

  it('finds the www half from @ and the @ half from www', () => {
    expect(partnerOf(records, apexHalf)).toBe(wwwHalf);
    expect(partnerOf(records, wwwHalf)).toBe(apexHalf);
  });

  it('still pairs them after the target was edited', () => {
    const edited = { ...apexHalf, value: 'https://new.gov.cn/' };
    expect(partnerOf([edited, wwwHalf], wwwHalf)).toBe(edited);
  });

  it('finds nothing for records outside a pair', () => {
    expect(partnerOf(records, other)).toBeUndefined();
    expect(partnerOf(records, mx)).toBeUndefined();
    expect(partnerOf([apexHalf], apexHalf)).toBeUndefined();
    const manualWww = { ...wwwHalf, generatedFromHost: undefined, id: 'w' };
    expect(partnerOf([apexHalf, manualWww], apexHalf)).toBeUndefined();
  });
});
