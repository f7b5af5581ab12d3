import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { compressIpv6, expandIpv6, inIpv6Prefix } from './ipv6.js';

describe('IPv6 helpers', () => {
  it('expands compressed forms into eight groups', () => {
    expect(expandIpv6('::')).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(expandIpv6('::1')).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(expandIpv6('2400:3200::1')).toEqual([0x2400, 0x3200, 0, 0, 0, 0, 0, 1]);
    expect(expandIpv6('fe80::')).toEqual([0xfe80, 0, 0, 0, 0, 0, 0, 0]);
    expect(expandIpv6('::ffff:1.2.3.4')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304]);
  });

  it('rejects malformed addresses', () => {
    for (const s of ['1::2::3', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '12345::', 'g::', '1:2:3:4:5:6:7::8', '::1.2.3']) {
      expect(expandIpv6(s)).toBeNull();
    }
  });

  it('compresses per RFC 5952: lower case, no leading zeros, longest zero run, first on a tie, not a single group', () => {
    expect(compressIpv6([0x2001, 0xdb8, 0, 0, 0, 0, 2, 1])).toBe('2001:db8::2:1');
    expect(compressIpv6([0x2001, 0xdb8, 0, 1, 1, 1, 1, 1])).toBe('2001:db8:0:1:1:1:1:1');
    expect(compressIpv6([0x2001, 0, 0, 1, 0, 0, 0, 1])).toBe('2001:0:0:1::1');
    expect(compressIpv6([0x2001, 0xdb8, 0, 0, 1, 0, 0, 1])).toBe('2001:db8::1:0:0:1');
    expect(compressIpv6([0, 0, 0, 0, 0, 0, 0, 0])).toBe('::');
    expect(compressIpv6([0xabcd, 0, 0, 0, 0, 0, 0, 0])).toBe('abcd::');
  });

  it('tests prefixes bit by bit', () => {
    expect(inIpv6Prefix([0xfdff, 1, 0, 0, 0, 0, 0, 0], [0xfc00], 7)).toBe(true);
    expect(inIpv6Prefix([0xfe00, 1, 0, 0, 0, 0, 0, 0], [0xfc00], 7)).toBe(false);
  });

  it('round-trips: compress then expand gives the same groups', () => {
    const group = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff }));
    fc.assert(
      fc.property(fc.array(group, { minLength: 8, maxLength: 8 }), (groups) => {
        expect(expandIpv6(compressIpv6(groups))).toEqual(groups);
      }),
    );
  });
});
