import { describe, expect, it } from 'vitest';
import { AddressAllowList, classifyAddress, judgeAddress } from './address.js';

describe('the checker connects only to public unicast addresses', () => {
  it.each([
    ['127.0.0.1', 'IP_LOOPBACK'],
    ['127.8.9.10', 'IP_LOOPBACK'],
    ['10.0.0.1', 'IP_PRIVATE'],
    ['172.16.5.4', 'IP_PRIVATE'],
    ['192.168.1.1', 'IP_PRIVATE'],
    ['169.254.169.254', 'IP_LINK_LOCAL'],
    ['100.64.0.1', 'IP_SHARED'],
    ['100.127.255.254', 'IP_SHARED'],
    ['0.0.0.0', 'IP_UNSPECIFIED'],
    ['224.0.0.1', 'IP_MULTICAST'],
    ['255.255.255.255', 'IP_BROADCAST'],
    ['240.0.0.1', 'IP_RESERVED'],
    ['::1', 'IP_LOOPBACK'],
    ['::', 'IP_UNSPECIFIED'],
    ['fe80::1', 'IP_LINK_LOCAL'],
    ['fd00::1', 'IP_PRIVATE'],
    ['ff02::1', 'IP_MULTICAST'],
    ['::ffff:127.0.0.1', 'IP_LOOPBACK'],
    ['::ffff:7f00:1', 'IP_LOOPBACK'],
    ['::ffff:10.0.0.1', 'IP_PRIVATE'],
    ['::ffff:169.254.169.254', 'IP_LINK_LOCAL'],
    ['::ffff:100.64.0.1', 'IP_SHARED'],
    ['64:ff9b::a00:1', 'IP_PRIVATE'],
    ['2002:7f00:1::1', 'IP_LOOPBACK'],
    ['::7f00:1', 'IP_RESERVED'],
    ['2001:0:4136:e378::1', 'IP_RESERVED'],
    ['[::1]', 'IP_LOOPBACK'],
    ['fe80::1%eth0', 'IP_INVALID'],
    ['localhost', 'IP_INVALID'],
  ])('refuses %s (%s)', (address, code) => {
    const c = classifyAddress(address);
    expect(c.public).toBe(false);
    if (!c.public) expect(c.code).toBe(code);
  });

  it.each(['115.236.10.21', '100.128.0.1', '100.63.255.255', '2400:3200::1', '::ffff:115.236.10.21', '2002:73ec:a15::1'])('accepts %s', (address) => {
    expect(classifyAddress(address).public).toBe(true);
  });

  it('names the range refused', () => {
    expect(classifyAddress('127.0.0.1')).toMatchObject({ reason: '环回地址 127.0.0.0/8' });
    expect(classifyAddress('::ffff:10.0.0.1')).toMatchObject({ reason: 'IPv4映射地址，对应 10.0.0.1：私有地址 10.0.0.0/8' });
  });

  it('gives IPv6 in its canonical compressed form', () => {
    expect(classifyAddress('2400:3200:0000:0000:0000:0000:0000:0001').address).toBe('2400:3200::1');
  });
});

describe('the allow-list', () => {
  it('lets listed addresses and prefixes through, with the reason kept', () => {
    const allow = AddressAllowList.parse(['127.0.0.1', '::1', '10.1.0.0/16']);
    expect(judgeAddress('127.0.0.1', allow)).toMatchObject({ allowed: true, code: 'IP_LOOPBACK' });
    expect(judgeAddress('::1', allow).allowed).toBe(true);
    expect(judgeAddress('10.1.200.3', allow).allowed).toBe(true);
    expect(judgeAddress('10.2.0.1', allow).allowed).toBe(false);
    expect(judgeAddress('127.0.0.2', allow).allowed).toBe(false);
    expect(judgeAddress('169.254.169.254', allow)).toMatchObject({ allowed: false, code: 'IP_LINK_LOCAL' });
  });

  it('does not mix families: 127.0.0.1 does not allow its IPv4-mapped form', () => {
    const allow = AddressAllowList.parse(['127.0.0.1']);
    expect(judgeAddress('::ffff:127.0.0.1', allow)).toMatchObject({ allowed: false, code: 'IP_LOOPBACK' });
    expect(judgeAddress('::ffff:127.0.0.1', AddressAllowList.parse(['::ffff:127.0.0.1'])).allowed).toBe(true);
  });

  it('is empty by default: nothing private passes', () => {
    expect(judgeAddress('127.0.0.1', AddressAllowList.empty)).toMatchObject({ allowed: false });
    expect(judgeAddress('::ffff:127.0.0.1', AddressAllowList.empty)).toMatchObject({ allowed: false });
  });

  it('refuses entries that are neither addresses nor prefixes', () => {
    expect(() => AddressAllowList.parse(['localhost'])).toThrow(/localhost/);
    expect(() => AddressAllowList.parse(['10.0.0.0/33'])).toThrow();
    expect(() => AddressAllowList.parse(['10.0.0.0/x'])).toThrow();
  });
});
