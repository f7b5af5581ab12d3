/**
 * 目标地址 of a URL转发: an http(s) URL of at most 500 characters, as Alibaba Cloud's console
 * accepts it (reference §3.3). A bare domain (the procedure's "目标地址 = 新的英文域名") gets
 * `http://`, as there. An IDN host is converted to ACE; credentials and other schemes are refused,
 * because the edge puts this URL into a Location header or an <iframe src>.
 */
import { isIP } from 'node:net';
import { domainToUnicode } from 'node:url';
import { InvalidInput } from '../errors.js';
import { validateEnglishDomain } from '../validators/english-domain.js';
import { validatePublicIp } from '../validators/ip.js';

export const urlMaxLength = 500;

export interface ForwardTarget {
  /** Normalised URL (WHATWG href, ACE host) that the edge uses. */
  url: string;
  /** The same URL with a Unicode host, for the console. */
  display: string;
  /** ACE host name or IP literal, lower case. */
  hostname: string;
}

const fail = (code: string, message: string, details?: Record<string, unknown>) =>
  new InvalidInput(code, message, 'value', details);

const schemePrefix = /^([a-z][a-z0-9+.-]*):/i;

export function validateForwardUrl(input: string): ForwardTarget {
  const s = input.trim();
  if (s === '') throw fail('DNS_URL_EMPTY', '请填写URL转发的目标地址，例如 https://www.example.gov.cn');
  if ([...s].length > urlMaxLength) throw fail('DNS_URL_TOO_LONG', `目标地址不能超过${urlMaxLength}个字符`);
  if (/[\s\u0000-\u001f\u007f]/.test(s)) throw fail('DNS_URL_INVALID', '目标地址中不能包含空格、换行等字符');

  const scheme = schemePrefix.exec(s)?.[1];
  // `www.example.gov.cn:8080/` also matches the scheme pattern; a real scheme has no dot.
  const hasScheme = scheme !== undefined && !scheme.includes('.');
  if (hasScheme && !['http', 'https'].includes(scheme.toLowerCase())) {
    throw fail('DNS_URL_BAD_SCHEME', '目标地址只能是以 http:// 或 https:// 开头的网址');
  }
  const withScheme = hasScheme ? s : s.startsWith('//') ? `http:${s}` : `http://${s}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw fail('DNS_URL_INVALID', '目标地址不是有效的网址，例如 https://www.example.gov.cn/index.html');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw fail('DNS_URL_BAD_SCHEME', '目标地址只能是以 http:// 或 https:// 开头的网址');
  }
  if (url.username !== '' || url.password !== '') {
    throw fail('DNS_URL_CREDENTIALS', '目标地址中不能包含用户名或密码');
  }
  const hostname = checkHost(url.hostname);
  const port = url.port === '' ? '' : `:${url.port}`;
  const shownHost = isIP(hostname) === 0 && !hostname.startsWith('[') ? domainToUnicode(hostname) : hostname;
  const display = `${url.protocol}//${shownHost}${port}${url.pathname}${url.search}${url.hash}`;
  return { url: url.href, display, hostname };
}

/** The URL parser has already done IDN → ACE and IPv4 normalisation (`0x7f.1` → `127.0.0.1`). */
function checkHost(hostname: string): string {
  if (isIP(hostname) === 4 || hostname.startsWith('[')) {
    const ip = validatePublicIp(hostname);
    if (!ip.ok) throw fail('DNS_URL_HOST_NOT_PUBLIC', `目标地址的${ip.message}`, { reason: ip.code });
    return hostname;
  }
  const name = validateEnglishDomain(hostname);
  if (!name.ok) {
    throw fail('DNS_URL_HOST_INVALID', `目标地址的域名无效：${name.message}`, { reason: name.code });
  }
  return name.value;
}
