/**
 * Which addresses the checker may connect to: public unicast only, IPv4 and IPv6 — the same
 * special-purpose ranges as the form's IP rule, plus IPv6 forms that carry an IPv4 address
 * inside (IPv4-mapped, 6to4, NAT64) judged by the address inside, Teredo refused. An explicit
 * allow-list (addresses or CIDR prefixes) overrides the refusal: tests use it for their
 * loopback servers.
 */
import { isIP } from 'node:net';
import { compressIpv6, expandIpv6, inIpv6Prefix } from '../validators/ipv6.js';
import { validatePublicIp } from '../validators/ip.js';
import type { AddressVerdict } from './types.js';

export type Classification = { public: true; address: string; family: 4 | 6 } | { public: false; address: string; code: string; reason: string };

/** The range named in the form rule's message, without its sentence: 环回地址 127.0.0.0/8. */
const rangeOf = (message: string) => message.replace(/^IP地址不是公网地址（([\s\S]*)）$/, '$1');

const v4FromGroups = (hi: number, lo: number) => [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.');

/** IPv6 prefixes whose low bits embed an IPv4 address, with where it sits. */
const embedding: ReadonlyArray<readonly [number[], number, string, (g: number[]) => string]> = [
  [[0, 0, 0, 0, 0, 0xffff], 96, 'IPv4映射地址', (g) => v4FromGroups(g[6] ?? 0, g[7] ?? 0)],
  [[0x64, 0xff9b], 96, 'NAT64地址', (g) => v4FromGroups(g[6] ?? 0, g[7] ?? 0)],
  [[0x2002], 16, '6to4地址', (g) => v4FromGroups(g[1] ?? 0, g[2] ?? 0)],
];

/** The canonical text of an address (IPv6 compressed, lower case), or null when it is not one. */
export function canonicalAddress(input: string): string | null {
  let s = input.trim();
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  const family = isIP(s);
  if (family === 4) return s;
  if (family !== 6 || s.includes('%')) return null;
  const groups = expandIpv6(s);
  return groups === null ? null : compressIpv6(groups);
}

/** Whether the checker may connect to `input` before any allow-list: only public unicast. */
export function classifyAddress(input: string): Classification {
  const address = canonicalAddress(input);
  if (address === null) return { public: false, address: input, code: 'IP_INVALID', reason: '不是有效的IP地址' };
  const groups = address.includes(':') ? (expandIpv6(address) ?? []) : null;
  if (groups !== null) {
    for (const [prefix, length, label, inner] of embedding) {
      if (!inIpv6Prefix(groups, prefix, length)) continue;
      const v4 = inner(groups);
      const verdict = validatePublicIp(v4);
      if (!verdict.ok) return { public: false, address, code: verdict.code, reason: `${label}，对应 ${v4}：${rangeOf(verdict.message)}` };
    }
  }
  const v = validatePublicIp(address);
  if (!v.ok) return { public: false, address, code: v.code, reason: rangeOf(v.message) };
  // Teredo (2001::/32) tunnels to an address we cannot judge.
  if (groups !== null && inIpv6Prefix(groups, [0x2001, 0], 32)) return { public: false, address, code: 'IP_RESERVED', reason: 'Teredo隧道地址 2001::/32' };
  return { public: true, address, family: v.value.family };
}

interface Prefix {
  family: 4 | 6;
  groups: number[];
  length: number;
}

/** A parsed allow-list: `127.0.0.1`, `::1`, `127.0.0.0/8`, `fd00::/8`. */
export class AddressAllowList {
  private constructor(private readonly prefixes: Prefix[]) {}

  static readonly empty = new AddressAllowList([]);

  /** @throws Error naming the entry that is neither an address nor a CIDR prefix */
  static parse(entries: readonly string[]): AddressAllowList {
    return new AddressAllowList(
      entries.map((entry) => {
        const [addr = '', len] = entry.trim().split('/');
        const canonical = canonicalAddress(addr);
        if (canonical === null) throw new Error(`not an address or CIDR prefix: ${entry}`);
        const family: 4 | 6 = canonical.includes(':') ? 6 : 4;
        const max = family === 4 ? 32 : 128;
        const length = len === undefined ? max : Number(len);
        if (!Number.isInteger(length) || length < 0 || length > max || (len !== undefined && !/^\d+$/.test(len))) {
          throw new Error(`bad prefix length: ${entry}`);
        }
        return { family, groups: groupsOf(canonical), length: family === 4 ? length + 96 : length };
      }),
    );
  }

  get size(): number {
    return this.prefixes.length;
  }

  /** Families are not mixed: `127.0.0.1` does not allow `::ffff:127.0.0.1`; list that form if it is meant. */
  has(address: string): boolean {
    const canonical = canonicalAddress(address);
    if (canonical === null) return false;
    const family = canonical.includes(':') ? 6 : 4;
    const groups = groupsOf(canonical);
    return this.prefixes.some((p) => p.family === family && inIpv6Prefix(groups, p.groups, p.length));
  }
}

/** IPv4 as its IPv4-mapped IPv6 groups, so one prefix test serves both families. */
function groupsOf(canonical: string): number[] {
  if (!canonical.includes(':')) {
    const [a = 0, b = 0, c = 0, d = 0] = canonical.split('.').map(Number);
    return [0, 0, 0, 0, 0, 0xffff, a * 256 + b, c * 256 + d];
  }
  return expandIpv6(canonical) ?? [];
}

/** The verdict on one address: public, or on the allow-list, or refused with the reason. */
export function judgeAddress(address: string, allow: AddressAllowList): AddressVerdict {
  const c = classifyAddress(address);
  if (c.public) return { address: c.address, allowed: true };
  if (allow.has(c.address)) return { address: c.address, allowed: true, reason: `${c.reason}（在允许列表中）`, code: c.code };
  return { address: c.address, allowed: false, reason: c.reason, code: c.code };
}
