/**
 * Public IP addresses for a website's A/AAAA record: well-formed (node:net isIP) and not in a
 * private, loopback, link-local, shared, multicast, documentation, benchmarking or reserved range.
 */
import { isIP } from 'node:net';
import { invalid, valid, type Validation, type ValidationWarning } from './result.js';
import { compressIpv6, expandIpv6, inIpv6Prefix } from './ipv6.js';

export interface PublicIp {
  address: string;
  family: 4 | 6;
}

interface Range {
  code: string;
  reason: string;
}

/** IPv4 special-purpose ranges, checked in order (broadcast before the wider reserved 240/4). */
const v4Ranges: ReadonlyArray<readonly [string, number, Range]> = [
  ['0.0.0.0', 8, { code: 'IP_UNSPECIFIED', reason: '“本网络”地址 0.0.0.0/8' }],
  ['10.0.0.0', 8, { code: 'IP_PRIVATE', reason: '私有地址 10.0.0.0/8' }],
  ['100.64.0.0', 10, { code: 'IP_SHARED', reason: '运营商级NAT共享地址 100.64.0.0/10' }],
  ['127.0.0.0', 8, { code: 'IP_LOOPBACK', reason: '环回地址 127.0.0.0/8' }],
  ['169.254.0.0', 16, { code: 'IP_LINK_LOCAL', reason: '链路本地地址 169.254.0.0/16' }],
  ['172.16.0.0', 12, { code: 'IP_PRIVATE', reason: '私有地址 172.16.0.0/12' }],
  ['192.0.0.0', 24, { code: 'IP_RESERVED', reason: 'IETF协议保留地址 192.0.0.0/24' }],
  ['192.0.2.0', 24, { code: 'IP_DOCUMENTATION', reason: '文档示例地址 192.0.2.0/24' }],
  ['192.168.0.0', 16, { code: 'IP_PRIVATE', reason: '私有地址 192.168.0.0/16' }],
  ['198.18.0.0', 15, { code: 'IP_BENCHMARKING', reason: '网络性能测试地址 198.18.0.0/15' }],
  ['198.51.100.0', 24, { code: 'IP_DOCUMENTATION', reason: '文档示例地址 198.51.100.0/24' }],
  ['203.0.113.0', 24, { code: 'IP_DOCUMENTATION', reason: '文档示例地址 203.0.113.0/24' }],
  ['224.0.0.0', 4, { code: 'IP_MULTICAST', reason: '组播地址 224.0.0.0/4' }],
  ['255.255.255.255', 32, { code: 'IP_BROADCAST', reason: '广播地址 255.255.255.255' }],
  ['240.0.0.0', 4, { code: 'IP_RESERVED', reason: '保留地址 240.0.0.0/4' }],
];

/** IPv6 special-purpose ranges; the IPv4-mapped block is handled separately. */
const v6Ranges: ReadonlyArray<readonly [number[], number, Range]> = [
  [[0, 0, 0, 0, 0, 0, 0, 0], 128, { code: 'IP_UNSPECIFIED', reason: '未指定地址 ::' }],
  [[0, 0, 0, 0, 0, 0, 0, 1], 128, { code: 'IP_LOOPBACK', reason: '环回地址 ::1' }],
  [[0xfc00], 7, { code: 'IP_PRIVATE', reason: '私有地址（唯一本地地址 fc00::/7）' }],
  [[0xfe80], 10, { code: 'IP_LINK_LOCAL', reason: '链路本地地址 fe80::/10' }],
  [[0xff00], 8, { code: 'IP_MULTICAST', reason: '组播地址 ff00::/8' }],
  [[0x2001, 0x0db8], 32, { code: 'IP_DOCUMENTATION', reason: '文档示例地址 2001:db8::/32' }],
  [[0x3fff], 20, { code: 'IP_DOCUMENTATION', reason: '文档示例地址 3fff::/20' }],
  [[0x2001, 0x0002, 0], 48, { code: 'IP_BENCHMARKING', reason: '网络性能测试地址 2001:2::/48' }],
];

function v4ToNumber(address: string): number {
  return address.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

function v4Special(address: string): Range | undefined {
  const ip = v4ToNumber(address);
  for (const [base, prefix, range] of v4Ranges) {
    const size = 2 ** (32 - prefix);
    if (Math.floor(ip / size) === Math.floor(v4ToNumber(base) / size)) return range;
  }
  return undefined;
}

const notPublic = (range: Range, detail = '') =>
  invalid<PublicIp>(range.code, `IP地址不是公网地址（${detail}${range.reason}）`);

/** Validates a public IPv4 or IPv6 address; IPv6 is returned in RFC 5952 compressed lower-case form. */
export function validatePublicIp(input: string): Validation<PublicIp> {
  let s = input.trim();
  if (s === '') return invalid('IP_EMPTY', '请填写IP地址');
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  const family = isIP(s);
  if (family === 4) {
    const range = v4Special(s);
    return range ? notPublic(range) : valid({ address: s, family: 4 });
  }
  const groups = family === 6 && !s.includes('%') ? expandIpv6(s) : null;
  if (groups === null) {
    return invalid('IP_INVALID', '请填写有效的IPv4或IPv6地址（不要包含端口、掩码或其他内容）');
  }
  if (inIpv6Prefix(groups, [0, 0, 0, 0, 0, 0xffff], 96)) {
    const [hi = 0, lo = 0] = groups.slice(6);
    const v4 = [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.');
    const range = v4Special(v4);
    if (range) return notPublic(range, `IPv4映射地址，对应`);
    const warning: ValidationWarning = {
      code: 'IP_V4_MAPPED',
      message: `这是IPv4映射地址，建议直接填写IPv4地址 ${v4}`,
    };
    return valid({ address: `::ffff:${v4}`, family: 6 }, [warning]);
  }
  for (const [prefix, length, range] of v6Ranges) {
    if (inIpv6Prefix(groups, prefix, length)) return notPublic(range);
  }
  if (!inIpv6Prefix(groups, [0x2000], 3)) {
    return notPublic({ code: 'IP_RESERVED', reason: '不在全球单播地址段 2000::/3 内的保留地址' });
  }
  return valid({ address: compressIpv6(groups), family: 6 });
}
