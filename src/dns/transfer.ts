/**
 * Zone transfers over TCP. AXFR (RFC 5936): the SOA first and last with every RR between,
 * spread over as many messages as needed. IXFR (RFC 1995): the client's serial comes in the
 * authority section; when it is current the answer is our SOA alone, otherwise (the journal
 * is not used yet) the full zone in AXFR form, which RFC 1995 §4 allows.
 */
import { encode, encodingLength, type Answer, type DecodedPacket, type Packet, type Question } from 'dns-packet';
import { serialGreaterThan } from '../domain/dns/serial.js';
import type { ZoneStore } from './zone-store.js';
import { Rcode, responseFlags, soaAnswer, toAnswer } from './wire.js';

/** Keep each message well under the 65535-byte TCP frame. */
const messageBudget = 16_000;

export function normaliseAddress(address: string | undefined): string {
  const a = address ?? '';
  return a.startsWith('::ffff:') && a.includes('.') ? a.slice(7) : a;
}

export function transferAllowed(allow: readonly string[], remote: string | undefined): boolean {
  const r = normaliseAddress(remote);
  return allow.some((a) => normaliseAddress(a) === r);
}

function message(query: Packet, question: Question[], answers: Answer[], rcode: number = Rcode.NOERROR): Buffer {
  return encode({ id: query.id ?? 0, type: 'response', flags: responseFlags(query.flags ?? 0, rcode, rcode === Rcode.NOERROR), questions: question, answers });
}

export function refusal(query: Packet, rcode: number = Rcode.REFUSED): Buffer {
  return message(query, query.questions ?? [], [], rcode);
}

/** The AXFR stream of `store` for `query`, encoded messages in order. */
export function axfrMessages(query: Packet, store: ZoneStore): Buffer[] {
  const question = (query.questions ?? []).slice(0, 1);
  const soa = soaAnswer(store);
  const all: Answer[] = [soa, ...store.records().map((r) => toAnswer(r)), soa];
  const out: Buffer[] = [];
  let batch: Answer[] = [];
  let size = 12 + (question[0] === undefined ? 0 : encodingLength({ questions: question }) - 12);
  for (const a of all) {
    const len = encodingLength({ answers: [a] }) - 12;
    if (batch.length > 0 && size + len > messageBudget) {
      out.push(message(query, out.length === 0 ? question : [], batch));
      batch = [];
      size = 12;
    }
    batch.push(a);
    size += len;
  }
  out.push(message(query, out.length === 0 ? question : [], batch));
  return out;
}

/** The client's serial in an IXFR query (RFC 1995 §3), if it sent an SOA. */
export function ixfrClientSerial(query: DecodedPacket): number | undefined {
  const soa = (query.authorities ?? []).find((a) => a.type === 'SOA');
  return soa?.type === 'SOA' ? soa.data.serial : undefined;
}

export function ixfrMessages(query: DecodedPacket, store: ZoneStore): Buffer[] {
  const client = ixfrClientSerial(query);
  if (client !== undefined && !serialGreaterThan(store.serial, client)) {
    return [message(query, (query.questions ?? []).slice(0, 1), [soaAnswer(store)])];
  }
  return axfrMessages(query, store);
}
