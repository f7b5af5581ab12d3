/** Mainland China mobile numbers: 11 digits, `1[3-9]` then 9 digits. */
import { invalid, valid, type Validation } from './result.js';

const mobilePattern = /^1[3-9]\d{9}$/;

/**
 * Validates a mainland mobile number. Spaces and hyphens are removed, and a leading country
 * code (`+86`, `0086` or `86`) is dropped. Returns the bare 11-digit number.
 */
export function validateMobile(input: string): Validation<string> {
  let n = input.trim().replace(/[\s-]+/g, '');
  if (n === '') return invalid('MOBILE_EMPTY', '请填写手机号码');
  if (n.startsWith('+86')) n = n.slice(3);
  else if (n.startsWith('0086')) n = n.slice(4);
  else if (n.startsWith('86') && n.length === 13) n = n.slice(2);
  if (!mobilePattern.test(n)) {
    return invalid('MOBILE_INVALID', '手机号码应为11位数字，以13至19开头');
  }
  return valid(n);
}

/** Masks the middle four digits: 138****1234. Inputs that are not 11 characters are fully masked. */
export function maskMobile(mobile: string): string {
  const chars = [...mobile.trim()];
  if (chars.length !== 11) return '*'.repeat(chars.length);
  return `${chars.slice(0, 3).join('')}****${chars.slice(7).join('')}`;
}
