/**
 * 记录值 per record type (URL转发 targets live in url-target.ts). Every failure is an
 * `InvalidInput` on the field the console shows it beside.
 */
import { isIP } from 'node:net';
import { InvalidInput } from '../errors.js';
import { toAce, toUnicode } from '../validators/chinese-domain.js';
import { validateEnglishDomain } from '../validators/english-domain.js';
import { validatePublicIp } from '../validators/ip.js';
import { defaultTtl } from './types.js';

export const ttlRange = { min: 60, max: 86400 } as const;
export const txtMaxCharacters = 2048;

const onValue = (code: string, message: string, details?: Record<string, unknown>) =>
  new InvalidInput(code, message, 'value', details);

/** A: a public IPv4 address. AAAA: a public IPv6 address, returned in RFC 5952 form. */
export function validateAddress(type: 'A' | 'AAAA', input: string): string {
  const result = validatePublicIp(input);
  if (!result.ok) throw onValue(result.code, result.message);
  const { address, family } = result.value;
  if (type === 'A' && family !== 4) {
    throw onValue('DNS_VALUE_NOT_IPV4', 'A记录的记录值必须是IPv4地址（例如 1.2.3.4）；IPv6地址请添加AAAA记录');
  }
  if (type === 'AAAA' && family !== 6) {
    throw onValue('DNS_VALUE_NOT_IPV6', 'AAAA记录的记录值必须是IPv6地址；IPv4地址请添加A记录');
  }
  if (type === 'AAAA' && address.startsWith('::ffff:')) {
    throw onValue('DNS_VALUE_V4_MAPPED', '这是IPv4映射地址，请改为添加A记录，填写其中的IPv4地址');
  }
  return address;
}

/**
 * A hostname for CNAME, NS or MX: LDH or IDN (converted to ACE), one trailing dot allowed.
 * Returns the ACE form without trailing dot and the Unicode form for display.
 */
export function validateTargetHost(typeName: string, input: string): { value: string; display: string } {
  const s = input.trim();
  if (s === '') throw onValue('DNS_VALUE_EMPTY', `请填写${typeName}记录的记录值`);
  const bare = s.endsWith('.') ? s.slice(0, -1) : s;
  if (isIP(bare) !== 0 || (bare.startsWith('[') && bare.endsWith(']'))) {
    throw onValue('DNS_VALUE_IS_IP', `${typeName}记录的记录值必须是域名，不能是IP地址（指向IP地址请使用A或AAAA记录）`);
  }
  const ace = /[/\\:?#@]/.test(bare) ? bare : toAce(bare);
  if (ace === null) throw onValue('DNS_VALUE_HOSTNAME_INVALID', `${typeName}记录值包含不允许的字符或无效的编码`);
  const result = validateEnglishDomain(ace);
  if (!result.ok) {
    const message =
      result.code === 'EN_DOMAIN_BAD_CHARACTER'
        ? `${typeName}记录值只能包含汉字、英文字母、数字和连字符“-”，多级之间用“.”分隔`
        : `${typeName}记录值无效：${result.message}`;
    throw onValue('DNS_VALUE_HOSTNAME_INVALID', message, { reason: result.code });
  }
  return { value: result.value, display: toUnicode(result.value) ?? result.value };
}

export function validateTxt(input: string): string {
  if (input.trim() === '') throw onValue('DNS_TXT_EMPTY', '请填写TXT记录的内容');
  if ([...input].length > txtMaxCharacters) {
    throw onValue('DNS_TXT_TOO_LONG', `TXT记录的内容不能超过${txtMaxCharacters}个字符`);
  }
  // Lone surrogates would turn into U+FFFD on the wire; control characters break consoles and logs.
  if (/[\u0000-\u001f\u007f]|\p{Cs}/u.test(input)) {
    throw onValue('DNS_TXT_CONTROL_CHAR', 'TXT记录的内容不能包含换行、制表符等控制字符');
  }
  return input;
}

export function validateTtl(input: number | undefined | null): number {
  if (input === undefined || input === null) return defaultTtl;
  if (!Number.isInteger(input) || input < ttlRange.min || input > ttlRange.max) {
    throw new InvalidInput('DNS_TTL_INVALID', `TTL必须是${ttlRange.min}到${ttlRange.max}之间的整数（单位：秒）`, 'ttl');
  }
  return input;
}

export function validatePriority(input: number | undefined | null): number {
  if (input === undefined || input === null) {
    throw new InvalidInput('DNS_PRIORITY_REQUIRED', '请填写MX记录的优先级（0到65535之间的整数，数值越小越优先）', 'priority');
  }
  if (!Number.isInteger(input) || input < 0 || input > 65535) {
    throw new InvalidInput('DNS_PRIORITY_INVALID', 'MX优先级必须是0到65535之间的整数', 'priority');
  }
  return input;
}
