/**
 * Reads back the subset of RFC 1035 master-file syntax that renderMasterFile writes (one record
 * per line, explicit TTL and class, quoted TXT strings, \DDD and \X escapes), strictly: anything
 * else throws. The tests use it to prove the output round-trips when kzonecheck and
 * named-checkzone are not installed; an export can use it as a self-check.
 */
import type { ZoneRecord, ZoneSoa } from './zone.js';

export interface ParsedZone {
  origin: string;
  soa: ZoneSoa | undefined;
  ns: string[];
  records: ZoneRecord[];
}

interface Token {
  text: string;
  quoted: boolean;
}

function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|((?:[^\s"\\;]|\\.)+)|(;.*$)|(\S)/gy;
  for (let i = 0; i < line.length; ) {
    const ws = /\s*/y;
    ws.lastIndex = i;
    ws.exec(line);
    i = ws.lastIndex;
    if (i >= line.length) break;
    re.lastIndex = i;
    const m = re.exec(line);
    if (m === null || m[4] !== undefined) throw new Error(`cannot read: ${line.slice(i)}`);
    if (m[3] !== undefined) break;
    tokens.push(m[1] !== undefined ? { text: m[1], quoted: true } : { text: m[2] ?? '', quoted: false });
    i = re.lastIndex;
  }
  return tokens;
}

/** Presentation text with \DDD / \X escapes → octets (RFC 1035 §5.1). */
export function unescapeOctets(text: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '\\') {
      out.push(...Buffer.from(text[i] ?? '', 'latin1'));
      continue;
    }
    const ddd = /^\d{3}/.exec(text.slice(i + 1));
    if (ddd !== null && Number(ddd[0]) < 256) {
      out.push(Number(ddd[0]));
      i += 3;
    } else if (i + 1 < text.length) {
      out.push(text.charCodeAt(++i));
    } else throw new Error(`dangling backslash in ${text}`);
  }
  return Buffer.from(out);
}

function labelsOf(name: string): string[] {
  return name.match(/(?:[^.\\]|\\.)+/g) ?? [];
}

function resolveName(text: string, origin: string): string {
  if (text === '@') return origin;
  if (text === '.') return '';
  const absolute = text.endsWith('.') && !text.endsWith('\\.');
  const labels = labelsOf(absolute ? text.slice(0, -1) : text).map((l) => {
    const octets = unescapeOctets(l);
    if (octets.length === 0 || octets.length > 63) throw new Error(`bad label length in ${text}`);
    return octets.toString('latin1').replace(/[.\\]/g, (c) => `\\${c}`);
  });
  const name = absolute ? labels.join('.') : [...labels, origin].join('.');
  if (name.length > 253) throw new Error(`name too long: ${name}`);
  return name;
}

function uint(text: string | undefined, max: number): number {
  if (text === undefined || !/^\d+$/.test(text) || Number(text) > max) throw new Error(`bad number ${String(text)}`);
  return Number(text);
}

const texts = (tokens: Token[]) => tokens.map((t) => t.text);

export function parseMasterFile(file: string): ParsedZone {
  const zone: ParsedZone = { origin: '', soa: undefined, ns: [], records: [] };
  for (const line of file.split('\n')) {
    const tokens = tokenize(line);
    const [first, ...rest] = tokens;
    if (first === undefined) continue;
    if (first.text === '$ORIGIN') zone.origin = resolveName(rest[0]?.text ?? '', '');
    if (first.text.startsWith('$')) continue;
    const [ttlText, klass, type, ...data] = rest;
    if (klass?.text !== 'IN' || type === undefined) throw new Error(`bad record line: ${line}`);
    const owner = resolveName(first.text, zone.origin);
    const ttl = uint(ttlText?.text, 2 ** 31 - 1);
    const name = (i: number) => resolveName(data[i]?.text ?? '', zone.origin);
    switch (type.text) {
      case 'SOA': {
        const [, , ...numbers] = texts(data);
        const [serial, refresh, retry, expire, minimum] = numbers.map((n) => uint(n, 2 ** 32 - 1));
        if (numbers.length !== 5 || minimum === undefined) throw new Error(`bad SOA: ${line}`);
        zone.soa = { mname: name(0), rname: name(1), serial: serial ?? 0, refresh: refresh ?? 0, retry: retry ?? 0, expire: expire ?? 0, minimum };
        break;
      }
      case 'NS':
      case 'CNAME':
        if (type.text === 'NS' && owner === zone.origin) zone.ns.push(name(0));
        else zone.records.push({ owner, type: type.text, ttl, data: name(0) });
        break;
      case 'MX':
        zone.records.push({ owner, type: 'MX', ttl, data: { preference: uint(data[0]?.text, 65535), exchange: name(1) } });
        break;
      case 'TXT': {
        if (data.length === 0 || data.some((t) => !t.quoted)) throw new Error(`bad TXT: ${line}`);
        const strings = data.map((t) => unescapeOctets(t.text));
        if (strings.some((s) => s.length > 255)) throw new Error(`character-string over 255 octets: ${line}`);
        zone.records.push({ owner, type: 'TXT', ttl, data: strings.map((s) => s.toString('utf8')) });
        break;
      }
      case 'A':
      case 'AAAA':
        if (data.length !== 1) throw new Error(`bad ${type.text}: ${line}`);
        zone.records.push({ owner, type: type.text, ttl, data: data[0]?.text ?? '' });
        break;
      default:
        throw new Error(`unexpected type ${type.text}`);
    }
  }
  return zone;
}
