/**
 * Zone transfers over TCP, produced lazily so a 1,000,000-domain zone streams message by
 * message. AXFR (RFC 5936): the SOA first and last with every RR between. IXFR (RFC 1995): the
 * client's serial comes in the authority section; when it is current the answer is our SOA
 * alone; when the zone's journal reaches back to it, the differences (old SOA, removed RRs, new
 * SOA, added RRs, per step) between two copies of the new SOA; otherwise the whole zone in AXFR
 * form (§4). Messages are unsigned here; the server signs each one when the request had TSIG.
 */
import { encode, type DecodedPacket, type Packet, type Question } from 'dns-packet';
import type { ZoneSoa } from '../domain/dns/zone.js';
import { MessageWriter } from './message-writer.js';
import type { NodeRR, ZoneStore } from './zone-store.js';
import { Flag, Rcode, responseFlags, type Outgoing } from './wire.js';

/** Answer-section bytes per message: well under the 65,535-byte TCP frame, room left for TSIG. */
export const messageBudget = 32_000;

const typeCode: Record<string, number> = { AXFR: 252, IXFR: 251, SOA: 6 };

export function normaliseAddress(address: string | undefined): string {
  const a = address ?? '';
  return a.startsWith('::ffff:') && a.includes('.') ? a.slice(7) : a;
}

export function transferAllowed(allow: readonly string[], remote: string | undefined): boolean {
  const r = normaliseAddress(remote);
  return allow.some((a) => normaliseAddress(a) === r);
}

export function refusal(query: Packet, rcode: number = Rcode.REFUSED): Buffer {
  return encode({ id: query.id ?? 0, type: 'response', flags: responseFlags(query.flags ?? 0, rcode, false), questions: query.questions ?? [], answers: [] });
}

type Item = { soa: ZoneSoa } | { owner: string; rr: NodeRR };

/** Packs items into as many messages as needed; the question goes in the first only. */
function* pack(query: Packet, store: ZoneStore, items: Iterable<Item>): Generator<Buffer> {
  const header = { id: query.id ?? 0, flags: Flag.QR | responseFlags(query.flags ?? 0, Rcode.NOERROR, true) };
  const q: Question | undefined = query.questions?.[0];
  const question = q === undefined ? undefined : { name: q.name, type: typeCode[q.type] ?? 252 };
  let writer = new MessageWriter(header, question, messageBudget);
  const write = (w: MessageWriter, item: Item) => ('soa' in item ? w.addSoa(store.apex, store.ttl, item.soa) : w.add(item.owner, item.rr));
  for (const item of items) {
    if (write(writer, item)) continue;
    yield writer.finish();
    writer = new MessageWriter(header, undefined, messageBudget);
    write(writer, item);
  }
  yield writer.finish();
}

/**
 * The AXFR stream: a first message with the question, the SOA and the apex NS, then the zone's
 * cached bucket messages, each sent as a header of this transfer (the request's id and flags, the
 * cached counts) and the cached body as it is (no copy: 86 MB at 1,000,000 domains), then the
 * closing SOA.
 */
function* wholeZone(query: Packet, store: ZoneStore): Generator<Outgoing> {
  const snap = store.transferSnapshot();
  const id = query.id ?? 0;
  const flags = Flag.QR | responseFlags(query.flags ?? 0, Rcode.NOERROR, true);
  yield* pack(query, store, [{ soa: snap.soa }, ...snap.ns.map((r) => ({ owner: r.owner, rr: r }))]);
  for (const bucket of snap.messages) {
    for (const cached of bucket) {
      const header = Buffer.allocUnsafe(12);
      cached.copy(header, 0, 0, 12);
      header.writeUInt16BE(id, 0);
      header.writeUInt16BE(flags, 2);
      yield [header, cached.subarray(12)];
    }
  }
  const last = new MessageWriter({ id, flags }, undefined, messageBudget);
  last.addSoa(store.apex, store.ttl, snap.soa);
  yield last.finish();
}

/** The AXFR stream of `store` for `query`, encoded messages in order. */
export function axfrMessages(query: Packet, store: ZoneStore): Iterable<Outgoing> {
  return wholeZone(query, store);
}

/** The client's serial in an IXFR query (RFC 1995 §3), if it sent an SOA. */
export function ixfrClientSerial(query: DecodedPacket): number | undefined {
  const soa = (query.authorities ?? []).find((a) => a.type === 'SOA');
  return soa?.type === 'SOA' ? soa.data.serial : undefined;
}

export type IxfrKind = 'current' | 'incremental' | 'full';

/** How an IXFR from `query` will be answered. */
export function ixfrKind(query: DecodedPacket, store: ZoneStore): IxfrKind {
  const client = ixfrClientSerial(query);
  if (client === undefined) return 'full';
  if (client === store.serial) return 'current';
  return store.journalFrom(client) === null ? 'full' : 'incremental';
}

export function ixfrMessages(query: DecodedPacket, store: ZoneStore): Iterable<Outgoing> {
  const client = ixfrClientSerial(query);
  const steps = client === undefined ? null : store.journalFrom(client);
  if (steps === null) return axfrMessages(query, store);
  const soa = store.soa;
  if (steps.length === 0) return pack(query, store, [{ soa }]);
  const at = (serial: number): ZoneSoa => ({ ...soa, serial });
  const items = function* (): Generator<Item> {
    yield { soa };
    for (const step of steps) {
      yield { soa: at(step.from) };
      for (const r of step.removed) yield { owner: r.owner, rr: r };
      yield { soa: at(step.to) };
      for (const r of step.added) yield { owner: r.owner, rr: r };
    }
    yield { soa };
  };
  return pack(query, store, items());
}

