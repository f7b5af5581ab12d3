/**
 * The authoritative answer to one decoded query (RFC 1034 §4.3.2 for our own zones): AA
 * answers, NXDOMAIN/NODATA with the SOA (RFC 2308), referrals with glue, CNAME chains inside
 * the zone, EDNS0, and the error rcodes for what we do not serve. Zone transfers over TCP are
 * the server's; here AXFR is NOTIMP (it is never served over UDP) and IXFR gets the SOA
 * alone, which tells the client to come back over TCP (RFC 1995 §2).
 */
import type { Answer, OptAnswer, Packet, Question } from 'dns-packet';
import { canonicalName, type ZoneStore } from './zone-store.js';
import { Opcode, Rcode, classicUdpSize, isOpt, opcodeOf, optAnswer, responseFlags, soaAnswer, toAnswer } from './wire.js';

export type Zones = ReadonlyMap<string, ZoneStore>;

export interface Answered {
  response: Packet;
  /** The largest UDP response the client accepts (512 without EDNS0). */
  udpLimit: number;
}

const maxChain = 8;

/** The served zone that holds `name` (longest matching apex), if any. */
export function findZone(zones: Zones, name: string): ZoneStore | undefined {
  let n: string | null = canonicalName(name);
  while (n !== null) {
    const z = zones.get(n);
    if (z !== undefined) return z;
    const dot = n.indexOf('.');
    n = dot < 0 ? null : n.slice(dot + 1);
  }
  return undefined;
}

interface Sections {
  answers: Answer[];
  authorities: Answer[];
  additionals: Answer[];
  rcode: number;
  aa: boolean;
}

function resolve(store: ZoneStore, q: Question): Sections {
  const s: Sections = { answers: [], authorities: [], additionals: [], rcode: Rcode.NOERROR, aa: true };
  const apexQuery = canonicalName(q.name) === store.apex;
  if (apexQuery && (q.type === 'SOA' || q.type === 'IXFR')) {
    s.answers.push({ ...soaAnswer(store), name: q.name });
    return s;
  }
  let name = q.name;
  const seen = new Set<string>();
  for (let step = 0; step < maxChain; step++) {
    const found = store.lookup(name, q.type);
    switch (found.kind) {
      case 'answer':
        s.answers.push(...found.records.map((r) => toAnswer(r)));
        if (apexQuery && String(q.type) === 'ANY' && step === 0) s.answers.unshift({ ...soaAnswer(store), name: q.name });
        return s;
      case 'cname':
        s.answers.push(toAnswer(found.record));
        seen.add(canonicalName(name));
        name = found.target;
        if (!store.contains(name) || seen.has(canonicalName(name))) return s;
        continue;
      case 'referral':
        if (step > 0) return s; // a chain into a delegation: the CNAMEs are ours, the rest is not.
        s.aa = false;
        s.authorities.push(...found.ns.map((r) => toAnswer(r)));
        s.additionals.push(...found.glue.map((r) => toAnswer(r)));
        return s;
      case 'nodata':
        s.authorities.push(soaAnswer(store, true));
        return s;
      case 'nxdomain':
        s.rcode = Rcode.NXDOMAIN;
        s.authorities.push(soaAnswer(store, true));
        return s;
    }
  }
  return s;
}

/**
 * Answers `query` from `zones`. The caller has decoded the packet and dropped responses
 * (QR set); the result is encoded with `encodeWithin(response, udpLimit)` over UDP.
 */
export function answer(query: Packet, zones: Zones): Answered {
  const flags = query.flags ?? 0;
  const questions = query.questions ?? [];
  const opts = (query.additionals ?? []).filter(isOpt);
  const clientOpt: OptAnswer | undefined = opts[0];
  const udpLimit = clientOpt === undefined ? classicUdpSize : Math.max(classicUdpSize, clientOpt.udpPayloadSize);
  const reply = (rcode: number, sections: Partial<Sections> = {}): Answered => {
    const additionals = [...(sections.additionals ?? [])];
    // RFC 6891 §7: a server that supports EDNS answers an EDNS query with an OPT (extended rcode on top).
    if (clientOpt !== undefined) additionals.push(optAnswer(rcode >> 4));
    const response: Packet = {
      id: query.id ?? 0,
      type: 'response',
      flags: responseFlags(flags, rcode, sections.aa ?? false),
      questions: questions.length === 1 ? questions : [],
      answers: sections.answers ?? [],
      authorities: sections.authorities ?? [],
      additionals,
    };
    return { response, udpLimit };
  };

  const opcode = opcodeOf(flags);
  if (opcode !== Opcode.QUERY && opcode !== Opcode.NOTIFY) return reply(Rcode.NOTIMP);
  if (questions.length !== 1 || opts.length > 1) return reply(Rcode.FORMERR);
  if (clientOpt !== undefined && clientOpt.ednsVersion !== 0) return reply(16); // BADVERS (RFC 6891 §6.1.3)
  const q = questions[0] as Question;
  if ((q.class ?? 'IN') !== 'IN') return reply(Rcode.REFUSED);
  const store = findZone(zones, q.name);
  if (store === undefined) return reply(opcode === Opcode.NOTIFY ? Rcode.NOTAUTH : Rcode.REFUSED);
  // We are the primary: a NOTIFY for our zone is acknowledged and otherwise ignored.
  if (opcode === Opcode.NOTIFY) return reply(Rcode.NOERROR, { aa: true });
  if (q.type === 'AXFR') return reply(Rcode.NOTIMP);
  const s = resolve(store, q);
  return reply(s.rcode, s);
}
