/**
 * 主机记录: `@`, `*`, or dot-separated labels of letters, digits, hyphens or 汉字, relative to
 * the registered domain. Node's domainToASCII does the UTS-46 mapping and Punycode but enforces
 * neither the 63-octet label limit nor LDH syntax (reference §3.2), so those are checked here.
 */
import { domainToASCII, domainToUnicode } from 'node:url';
import { InvalidInput } from '../errors.js';
import type { ZoneApex } from './types.js';

export interface ValidHost {
  host: string;
  hostAce: string;
  owner: string;
}

const separators = /[。．｡]/g;
const labelCharacters = /^[a-z0-9\-\u3400-\u4dbf\u4e00-\u9fff]+$/;
/** RFC 8552 service labels such as `_dmarc` or `_acme-challenge` (TXT only). */
const underscoreLabel = /^_[a-z0-9][a-z0-9-]*$/;

const fail = (code: string, message: string) => new InvalidInput(code, message, 'host');

/**
 * Validates and normalises a 主机记录 under `apex`.
 * `allowUnderscore` admits `_service` labels (for TXT records such as `_dmarc`).
 */
export function validateHost(input: string, apex: ZoneApex, opts: { allowUnderscore?: boolean } = {}): ValidHost {
  const s = input.trim().replace(separators, '.').toLowerCase();
  if (s === '') throw fail('DNS_HOST_EMPTY', '请填写主机记录（域名本身请填写 @）');
  if (s === '@') return { host: '@', hostAce: '@', owner: apex.ace };

  const apexNames = [apex.unicode.toLowerCase(), apex.ace];
  if (apexNames.some((a) => s === a || s.endsWith(`.${a}`))) {
    throw fail('DNS_HOST_INCLUDES_DOMAIN', `主机记录只需填写“.${apex.unicode}”前面的部分，例如 www；域名本身请填写 @`);
  }
  const labels = s.split('.');
  if (labels.includes('')) throw fail('DNS_HOST_EMPTY_LABEL', '主机记录中不能有空的部分（连续的点，或以点开头、结尾）');
  const wildcard = labels[0] === '*';
  const rest = wildcard ? labels.slice(1) : labels;
  if (rest.some((l) => l.includes('*'))) {
    throw fail('DNS_HOST_WILDCARD_POSITION', '通配符“*”只能单独作为主机记录的最左一级，例如 * 或 *.oa');
  }
  if (rest.length === 0) return { host: '*', hostAce: '*', owner: `*.${apex.ace}` };

  const badCharacter = fail(
    'DNS_HOST_BAD_CHARACTER',
    '主机记录只能包含汉字、英文字母、数字和连字符“-”，多级之间用“.”分隔',
  );
  const ace = domainToASCII(`${rest.join('.')}.${apex.ace}`);
  if (ace === '' || !ace.endsWith(`.${apex.ace}`)) throw badCharacter;
  const aceLabels = ace.slice(0, -(apex.ace.length + 1)).split('.');
  const unicodeLabels = domainToUnicode(aceLabels.join('.')).split('.');
  // UTS-46 may map one character to several labels (U+2488 ⒈ → "1."): that is not what was typed.
  if (aceLabels.length !== rest.length || unicodeLabels.length !== rest.length) throw badCharacter;

  for (const [i, label] of unicodeLabels.entries()) {
    if (opts.allowUnderscore === true && underscoreLabel.test(label)) continue;
    if (!labelCharacters.test(label)) throw badCharacter;
    if (label.startsWith('-') || label.endsWith('-')) {
      throw fail('DNS_HOST_HYPHEN', '主机记录的每一级都不能以连字符“-”开头或结尾');
    }
    if (label.slice(2, 4) === '--') {
      throw fail('DNS_HOST_HYPHEN', '主机记录每一级的第3、4个字符不能同时为连字符“-”');
    }
    if ((aceLabels[i] ?? '').length > 63) {
      throw fail('DNS_HOST_LABEL_TOO_LONG', `主机记录“${label}”过长：编码后超过63个字符的上限（约20个汉字）`);
    }
  }
  const prefix = wildcard ? '*.' : '';
  const owner = prefix + ace;
  if (owner.length > 253) throw fail('DNS_HOST_TOO_LONG', '主机记录加上域名后，编码后的总长度超过253个字符的上限');
  return { host: prefix + unicodeLabels.join('.'), hostAce: prefix + aceLabels.join('.'), owner };
}
