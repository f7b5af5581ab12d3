/**
 * The domain name in an RDAP path or a WHOIS query: Unicode or ACE, any case, with or without a
 * trailing dot, `。．｡` accepted as separators. Unlike `validateChineseDomain` (what may be
 * registered), this only decides whether the text is a domain name at all: a well-formed name
 * outside .政务/.公益 is simply not found (404 / "No match"), a malformed one is a bad request.
 */
import { domainToASCII, domainToUnicode } from 'node:url';

export type QueryName = { ok: true; ace: string; unicode: string } | { ok: false; message: string };

const separators = /[。．｡]/g;
/** Characters no domain name has; `%` too, since node:url would percent-decode it a second time. */
const forbidden = /[\s\u0000-\u001f\u007f/\\:?#@%,;"'<>[\]{}|^`*!$&()+=~]/u;
const ldhLabel = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

const malformed = (message: string): QueryName => ({ ok: false, message });

/** Longest input worth looking at: 253 octets of ACE can hardly come from more characters. */
export const maxQueryNameLength = 260;

export function parseQueryName(input: string): QueryName {
  if (input.length > maxQueryNameLength) return malformed('域名过长 (domain name too long)');
  let name = input.trim().replace(separators, '.');
  if (name.endsWith('.')) name = name.slice(0, -1);
  if (name === '') return malformed('缺少域名 (missing domain name)');
  if (forbidden.test(name)) return malformed('域名包含不允许的字符 (character not allowed in a domain name)');
  if (name.split('.').includes('')) return malformed('域名中有空的部分 (empty label)');
  const ace = domainToASCII(name);
  if (ace === '') return malformed('域名无法编码 (not a valid internationalised domain name)');
  if (ace.length > 253) return malformed('域名编码后超过253个字符 (name longer than 253 octets)');
  const labels = ace.split('.');
  for (const label of labels) {
    if (label.length > 63) return malformed('域名某一级编码后超过63个字符 (label longer than 63 octets)');
    if (!ldhLabel.test(label)) return malformed('域名某一级不符合字母、数字、连字符规则 (label is not LDH)');
  }
  const unicode = domainToUnicode(ace);
  // An `xn--` label that does not decode and re-encode to itself is not a valid A-label.
  if (unicode === '' || domainToASCII(unicode) !== ace) return malformed('域名的ACE编码无效 (invalid A-label)');
  return { ok: true, ace, unicode };
}
