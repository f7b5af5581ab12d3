/**
 * WHOIS answers (RFC 3912): UTF-8 text, CRLF lines, `Key: value` fields. Values come from what
 * units typed (names, addresses), so control characters are flattened: a value can never start
 * a line of its own and pose as another field.
 */
import type { DomainRecord } from '../domain/registration-data/record.js';
import { whoisStatus } from '../domain/registration-data/record.js';
import { unitTypeLabel } from '../domain/types.js';

const crlf = '\r\n';
const header = [
  '% 正名 Zhengming WHOIS：.政务 / .公益 域名注册信息 (registration data of .政务 and .公益 domains)',
  '% 不公开经办人等个人信息。No personal data of the units’ operators is published.',
  '% 也可使用 RDAP：/rdap/domain/<域名>  RDAP is available at /rdap/domain/<name>.',
  '',
];

/** One line of text: controls (C0, C1, DEL, line and paragraph separators) become spaces. */
export const flatten = (s: string, max = 512): string =>
  s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').slice(0, max);

const lines = (body: string[], now: Date) =>
  [...header, ...body, '', `>>> Last update of WHOIS database: ${now.toISOString()} <<<`, ''].join(crlf);

export function domainAnswer(d: DomainRecord, now: Date): string {
  const [province, ...below] = d.registrant.regions;
  const field = (k: string, v: string | undefined) => (v === undefined || v === '' ? [] : [`${k}: ${flatten(v)}`]);
  return lines(
    [
      ...field('Domain Name', d.unicode),
      ...field('Domain Name (ACE)', d.ace),
      ...field('Registry Domain ID', d.handle),
      ...field('Domain Status', whoisStatus[d.status]),
      ...field('Registrant ID', d.registrant.handle),
      ...field('Registrant Organization', d.registrant.name),
      ...field('Registrant Organization Type', unitTypeLabel[d.registrant.type]),
      ...field('Registrant State/Province', province),
      ...field('Registrant City', below.join('')),
      ...field('Registrant Street', d.registrant.address),
      ...field('Registrant Country', 'CN'),
      ...d.nameservers.flatMap((ns) => field('Name Server', ns)),
      ...field('DNSSEC', 'unsigned'),
      ...field('Creation Date', d.registeredAt.toISOString()),
      ...field('Registry Expiry Date', d.expiresAt.toISOString()),
      ...field('Updated Date', d.lastChangedAt.toISOString()),
    ],
    now,
  );
}

export const noMatch = (query: string, now: Date): string => lines([`No match for "${flatten(query, 260)}".`], now);

export const malformed = (reason: string, now: Date): string => lines([`% 查询格式错误 Malformed query: ${flatten(reason)}`], now);

export const help = (now: Date): string =>
  lines(['% 用法 Usage: whois -h <host> -p <port> <名称.政务 | 名称.公益 | xn--…>', '% 每次连接查询一个域名。One domain name per connection.'], now);

export const tooMany = (now: Date): string => lines(['% 查询过于频繁，请稍后再试。Query rate exceeded; try again later.'], now);

export const tooLong = (now: Date): string => lines(['% 查询过长。Query too long.'], now);

export const serverError = (now: Date): string => lines(['% 服务暂时不可用，请稍后再试。Service temporarily unavailable.'], now);
