import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { validatePublicIp } from './ip.js';

describe('validatePublicIp', () => {
  it('accepts public IPv4 addresses', () => {
    for (const a of ['1.1.1.1', '114.114.114.114', '223.5.5.5', '8.8.8.8', '172.32.0.1', '100.128.0.1', '198.20.0.1']) {
      expect(validatePublicIp(a)).toEqual({ ok: true, value: { address: a, family: 4 }, warnings: [] });
    }
  });

  it('accepts public IPv6 addresses and returns the compressed lower-case form', () => {
    expect(validatePublicIp('2400:3200:0000:0000:0000:0000:0000:0001')).toMatchObject({
      ok: true,
      value: { address: '2400:3200::1', family: 6 },
    });
    expect(validatePublicIp(' 240C::6666 ')).toMatchObject({ value: { address: '240c::6666', family: 6 } });
    expect(validatePublicIp('[2001:DA8:0:0:1:0:0:1]')).toMatchObject({ value: { address: '2001:da8::1:0:0:1' } });
  });

  it('rejects an empty input', () => {
    expect(validatePublicIp(' ')).toMatchObject({ ok: false, code: 'IP_EMPTY' });
  });

  it('rejects malformed addresses, ports, masks, zone ids and leading zeros', () => {
    for (const a of ['1.2.3', '256.1.1.1', '01.2.3.4', '1.2.3.4:80', '1.2.3.4/24', 'fe80::1%eth0', '1::2::3', 'example.com']) {
      expect(validatePublicIp(a)).toMatchObject({ ok: false, code: 'IP_INVALID' });
    }
  });

  const rejects = (code: string, addresses: string[]) => {
    for (const a of addresses) {
      const r = validatePublicIp(a);
      expect(r, a).toMatchObject({ ok: false, code });
      if (!r.ok) expect(r.message).toMatch(/^IP地址不是公网地址（.+）$/);
    }
  };

  it('rejects private addresses', () => {
    rejects('IP_PRIVATE', ['10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.1.1', 'fc00::1', 'fd12:3456::1']);
    expect(validatePublicIp('192.168.1.1')).toMatchObject({ message: 'IP地址不是公网地址（私有地址 192.168.0.0/16）' });
  });

  it('rejects loopback addresses', () => rejects('IP_LOOPBACK', ['127.0.0.1', '127.255.255.254', '::1']));
  it('rejects link-local addresses', () => rejects('IP_LINK_LOCAL', ['169.254.1.1', 'fe80::1', 'febf::1']));
  it('rejects carrier-grade NAT shared addresses', () => rejects('IP_SHARED', ['100.64.0.1', '100.127.255.255']));
  it('rejects multicast addresses', () => rejects('IP_MULTICAST', ['224.0.0.1', '239.255.255.250', 'ff02::1']));
  it('rejects 0.0.0.0/8 and ::', () => rejects('IP_UNSPECIFIED', ['0.0.0.0', '0.1.2.3', '::']));
  it('rejects the broadcast address', () => rejects('IP_BROADCAST', ['255.255.255.255']));
  it('rejects reserved addresses', () =>
    rejects('IP_RESERVED', ['240.0.0.1', '255.255.255.254', '192.0.0.8', '::2', '64:ff9b::1.2.3.4', '4000::1']));
  it('rejects documentation addresses', () =>
    rejects('IP_DOCUMENTATION', ['192.0.2.1', '198.51.100.7', '203.0.113.9', '2001:db8::1', '3fff::1']));
  it('rejects benchmarking addresses', () => rejects('IP_BENCHMARKING', ['198.18.0.1', '198.19.255.255', '2001:2::1']));

  it('rejects an IPv4-mapped IPv6 address whose IPv4 address is not public', () => {
    const r = validatePublicIp('::ffff:192.168.0.1');
    expect(r).toMatchObject({ ok: false, code: 'IP_PRIVATE' });
    if (!r.ok) expect(r.message).toContain('IPv4映射地址');
    expect(validatePublicIp('::ffff:7f00:1')).toMatchObject({ ok: false, code: 'IP_LOOPBACK' });
  });

  it('accepts an IPv4-mapped address of a public IPv4 address with a warning', () => {
    expect(validatePublicIp('::FFFF:0808:0808')).toMatchObject({
      ok: true,
      value: { address: '::ffff:8.8.8.8', family: 6 },
      warnings: [{ code: 'IP_V4_MAPPED' }],
    });
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })), (s) => {
        expect(typeof validatePublicIp(s).ok).toBe('boolean');
      }),
    );
  });

  it('never throws on generated IP addresses, and accepted IPv6 forms are stable', () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), (a) => {
        const r = validatePublicIp(a);
        if (r.ok) expect(validatePublicIp(r.value.address)).toMatchObject({ ok: true, value: r.value });
      }),
    );
  });
});
