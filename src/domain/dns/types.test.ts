import { describe, expect, it } from 'vitest';
import { domainOf, isAtOrBelow, isBelow, isRecordType, isUrlForward, recordTypeLabel, recordTypes } from './types.js';

describe('record types', () => {
  it('labels every type for the console, URL转发 in Chinese', () => {
    expect(recordTypes.map((t) => recordTypeLabel[t])).toEqual([
      'A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS', 'URL转发（显性）', 'URL转发（隐性）',
    ]);
  });

  it('recognises the types and the URL转发 ones', () => {
    expect(isRecordType('MX')).toBe(true);
    expect(isRecordType('SRV')).toBe(false);
    expect(isRecordType(1)).toBe(false);
    expect(recordTypes.filter(isUrlForward)).toEqual(['URL_REDIRECT', 'URL_FRAME']);
  });
});

describe('names', () => {
  it('recovers the registered domain from a spec', () => {
    expect(domainOf({ owner: 'd.xn--zfr164b', hostAce: '@' })).toBe('d.xn--zfr164b');
    expect(domainOf({ owner: '*.oa.d.xn--zfr164b', hostAce: '*.oa' })).toBe('d.xn--zfr164b');
  });

  it('compares names by whole labels', () => {
    expect(isAtOrBelow('a.b', 'a.b')).toBe(true);
    expect(isAtOrBelow('x.a.b', 'a.b')).toBe(true);
    expect(isAtOrBelow('xa.b', 'a.b')).toBe(false);
    expect(isBelow('a.b', 'a.b')).toBe(false);
    expect(isBelow('x.a.b', 'a.b')).toBe(true);
  });
});
