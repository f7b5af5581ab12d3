/**
 * A registered domain's RRs encoded once for every domain that holds the same entry: the
 * 网络红页 and URL转发 domains of a TLD (two thirds of a national zone) all publish the edge's
 * A and AAAA at `@` and `www`, so a transfer writes each of them as its name, a copy of these
 * bytes and a few patched compression pointers, as a server copying from its tree would.
 * Only entries whose data holds no names (A, AAAA, TXT) get one: their bytes never point
 * elsewhere in a message.
 */
import type { NodeRR } from './zone-store.js';
import { MessageWriter } from './message-writer.js';

export interface DomainTemplate {
  /** The first RR's owner, relative to the domain: the writer spells it (it holds the domain's name). */
  firstRel: string;
  /** Everything after that first owner name. */
  bytes: Buffer;
  rrs: number;
  /** [offset in `bytes`, target] pairs: target -1 is the domain's name, -2 the first owner, k ≥ 0 is `bytes[k]`. */
  fixups: number[];
  /** The last owner other than the domain written (relative name; target as above, -3 none): compression state after it. */
  lastRel: string;
  lastTarget: number;
}

const maxBytes = 4_000;

/** The rdata's fixed part of `rr` (type, class, TTL, length, data) as `MessageWriter` writes it. */
function fixedPart(rr: NodeRR): Buffer {
  const w = new MessageWriter({ id: 0, flags: 0 }, undefined, maxBytes);
  w.add('x', rr);
  return w.finish().subarray(12 + 3); // header, then the owner `x`: 0x01 'x' 0x00
}

function labels(rel: string): Buffer {
  const parts = rel.split('.').map((l) => {
    const b = Buffer.from(l, 'utf8');
    return Buffer.concat([Buffer.from([b.length]), b]);
  });
  return Buffer.concat(parts);
}

/** The template of a domain entry ([relative name, RRs, …]), or null when it cannot have one. */
export function compileTemplate(dn: readonly (string | readonly NodeRR[])[]): DomainTemplate | null {
  const parts: Buffer[] = [];
  const fixups: number[] = [];
  let size = 0;
  let firstRel: string | undefined;
  let lastRel = '';
  let lastTarget = -3;
  let rrs = 0;
  const pointer = (target: number) => {
    fixups.push(size, target);
    parts.push(Buffer.alloc(2));
    size += 2;
  };
  for (let i = 0; i < dn.length; i += 2) {
    const rel = dn[i] as string;
    for (const rr of dn[i + 1] as readonly NodeRR[]) {
      if (rr.type !== 'A' && rr.type !== 'AAAA' && rr.type !== 'TXT') return null;
      // The same owner choices as MessageWriter.ownerBelow.
      if (firstRel === undefined) {
        firstRel = rel;
        lastRel = rel;
        lastTarget = rel === '' ? -3 : -2;
      } else if (rel === '') {
        pointer(-1);
      } else if (rel === lastRel && lastTarget !== -3) {
        pointer(lastTarget);
      } else {
        const at = size;
        const l = labels(rel);
        parts.push(l);
        size += l.length;
        pointer(-1);
        lastRel = rel;
        lastTarget = at;
      }
      const fixed = fixedPart(rr);
      parts.push(fixed);
      size += fixed.length;
      rrs++;
      if (size > maxBytes) return null;
    }
  }
  if (firstRel === undefined) return null;
  return { firstRel, bytes: Buffer.concat(parts), rrs, fixups, lastRel, lastTarget };
}
