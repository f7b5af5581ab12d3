/**
 * Practical e-mail check: `local@domain`, ASCII dot-atom local part (≤ 64), a domain with at
 * least two labels (internationalised domains allowed), total ≤ 254. The domain is lower-cased.
 */
import { domainToASCII, domainToUnicode } from 'node:url';
import { invalid, valid, type Validation } from './result.js';
import { validateEnglishDomain } from './english-domain.js';

/** RFC 5322 dot-atom with the printable ASCII `atext` characters; quoted local parts are not accepted. */
const dotAtom = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

/** Returns `local@domain` with the domain lower-cased (IDN domains in their Unicode form). */
export function validateEmail(input: string): Validation<string> {
  const email = input.trim();
  if (email === '') return invalid('EMAIL_EMPTY', '请填写电子邮箱');
  if (email.length > 254) return invalid('EMAIL_TOO_LONG', '电子邮箱地址不能超过254个字符');

  const at = email.lastIndexOf('@');
  if (at <= 0 || at === email.length - 1 || email.indexOf('@') !== at) {
    return invalid('EMAIL_INVALID', '电子邮箱格式不正确，应为“名称@域名”，例如 name@example.gov.cn');
  }
  const local = email.slice(0, at);
  const rawDomain = email.slice(at + 1).replace(/[。．｡]/g, '.');

  if (local.length > 64) return invalid('EMAIL_LOCAL_TOO_LONG', '电子邮箱“@”之前的部分不能超过64个字符');
  if (!dotAtom.test(local)) {
    return invalid('EMAIL_BAD_LOCAL', '电子邮箱“@”之前的部分只能包含英文字母、数字和常用符号，且不能以点开头、结尾或连续出现点');
  }

  const badDomain = (why: string) => invalid<string>('EMAIL_BAD_DOMAIN', `电子邮箱的域名部分不正确：${why}`);
  if (rawDomain.endsWith('.') || rawDomain.startsWith('[')) return badDomain('请填写形如 example.gov.cn 的域名');
  const ace = domainToASCII(rawDomain);
  if (ace === '') return badDomain('包含不允许的字符');
  const checked = validateEnglishDomain(ace);
  if (!checked.ok) return badDomain(checked.message);

  const isAscii = /^[\u0000-\u007f]*$/.test(rawDomain);
  const domain = isAscii ? checked.value : domainToUnicode(checked.value);
  if (local.length + 1 + checked.value.length > 254) {
    return invalid('EMAIL_TOO_LONG', '电子邮箱地址不能超过254个字符');
  }
  return valid(`${local}@${domain}`);
}
