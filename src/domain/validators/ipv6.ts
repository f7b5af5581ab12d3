/** Small IPv6 helpers (no library): expand to eight 16-bit groups, compress per RFC 5952. */

/**
 * Expands an IPv6 address (optionally with a dotted IPv4 tail) into eight groups,
 * or returns null when it is not a well-formed address. Zone identifiers (`%eth0`) are not accepted.
 */
export function expandIpv6(address: string): number[] | null {
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    const pieces = part.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const p = pieces[i] ?? '';
      if (i === pieces.length - 1 && p.includes('.')) {
        const octets = p.split('.');
        if (octets.length !== 4 || !octets.every((o) => /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/.test(o))) return null;
        const [a, b, c, d] = octets.map(Number) as [number, number, number, number];
        out.push(a * 256 + b, c * 256 + d);
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(p)) return null;
        out.push(Number.parseInt(p, 16));
      }
    }
    return out;
  };
  const head = parse(halves[0] ?? '');
  const tail = halves.length === 2 ? parse(halves[1] ?? '') : [];
  if (head === null || tail === null) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const missing = 8 - head.length - tail.length;
  if (missing < 1) return null;
  return [...head, ...new Array<number>(missing).fill(0), ...tail];
}

/** RFC 5952 text form: lower case, no leading zeros, the longest run (≥ 2) of zero groups as `::`. */
export function compressIpv6(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < groups.length; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestLength < 2) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** Whether `groups` lies in the prefix given by `prefix` groups and `length` bits. */
export function inIpv6Prefix(groups: readonly number[], prefix: readonly number[], length: number): boolean {
  for (let i = 0; i < 8; i++) {
    const bits = Math.min(16, length - 16 * i);
    if (bits <= 0) return true;
    const mask = (0xffff << (16 - bits)) & 0xffff;
    if (((groups[i] ?? 0) & mask) !== ((prefix[i] ?? 0) & mask)) return false;
  }
  return true;
}
