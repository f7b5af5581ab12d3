/**
 * Which name a request is for. The `Host` header may carry a Unicode name (as UTF-8 bytes, which
 * Node hands over decoded as latin1) or its ACE form; both become lower-case ACE here.
 */
import { domainToASCII } from 'node:url';
import { chineseTldAce } from '../domain/validators/chinese-domain.js';

const tldSuffixes = Object.values(chineseTldAce).map((t) => `.${t}`);

function utf8FromLatin1(s: string): string {
  if (!/[^\x00-\x7f]/.test(s) || /[^\x00-\xff]/.test(s)) return s;
  const decoded = Buffer.from(s, 'latin1').toString('utf8');
  return decoded.includes('\ufffd') ? s : decoded;
}

/** The host name of a Host header: lower case, ACE, no port, no trailing dot; null if unusable. */
export function hostnameOf(header: string | undefined): string | null {
  if (header === undefined || header === '') return null;
  let h = utf8FromLatin1(header.trim());
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1).toLowerCase();
  const colon = h.lastIndexOf(':');
  if (colon !== -1) h = h.slice(0, colon);
  h = h.replace(/\.$/, '');
  if (/^[\x21-\x7e]+$/.test(h)) return h.toLowerCase();
  const ace = domainToASCII(h);
  return ace === '' ? null : ace.toLowerCase();
}

/** A name under one of the Chinese TLDs (`杭州市财政局.政务`, `www.xn--….xn--zfr164b`): a site host. */
export const isSiteHost = (hostname: string): boolean => tldSuffixes.some((s) => hostname.endsWith(s));

/** A domain from a `/redpage/<domain>` path: Unicode or ACE, `www.` allowed; null unless under a Chinese TLD. */
export function redPageDomain(param: string): string | null {
  const ace = hostnameOf(param.length > 253 ? '' : param);
  if (ace === null || !isSiteHost(ace) || ace.includes(':') || ace.includes('/')) return null;
  const bare = ace.startsWith('www.') ? ace.slice(4) : ace;
  return bare.split('.').length === 2 ? bare : null;
}
