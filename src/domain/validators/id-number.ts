/**
 * 居民身份证号 (GB 11643-1999): 6-digit region, 8-digit birth date (YYYYMMDD), 3-digit sequence,
 * 1 check character (ISO 7064 MOD 11-2, 10 written as X).
 */
import { invalid, valid, type Validation } from './result.js';

/** Weights 2^(17−i) mod 11 for positions 1–17. */
const idWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const checkChars = '10X98765432';

/**
 * Earliest accepted birth year. GB 11643 only needs a real date; the reference vector
 * 440524188001010014 (born 1880) is listed as valid, so we accept from 1800 rather than 1900.
 */
export const earliestBirthYear = 1800;

/** Check character for the first 17 digits. Throws on anything but 17 ASCII digits. */
export function idCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('idCheckDigit expects 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (idWeights[i] ?? 0);
  return checkChars.charAt(sum % 11);
}

/** Today's date in China (UTC+8, no daylight saving) as YYYYMMDD. */
function chinaDateKey(now: Date): string {
  const d = new Date(now.getTime() + 8 * 3600 * 1000);
  const y = String(d.getUTCFullYear()).padStart(4, '0');
  const m = String(d.getUTCMonth() + 1).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, '0');
  return `${y}${m}${day}`;
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/**
 * Validates an 18-character 居民身份证号. `now` decides what "in the future" means (tests pass a fixed date).
 * Returns the number with a lower-case x normalised to X.
 */
export function validateIdNumber(input: string, now: Date = new Date()): Validation<string> {
  const id = input.trim().toUpperCase();
  if (id === '') return invalid('ID_EMPTY', '请填写身份证号');
  if (!/^\d{17}[\dX]$/.test(id)) {
    return invalid('ID_FORMAT', '身份证号应为18位：前17位为数字，最后一位为数字或X');
  }
  const birth = id.slice(6, 14);
  const year = Number(birth.slice(0, 4));
  const month = Number(birth.slice(4, 6));
  const day = Number(birth.slice(6, 8));
  if (!isRealDate(year, month, day)) {
    return invalid('ID_BIRTH_DATE_INVALID', '身份证号中的出生日期（第7至14位）不是有效日期');
  }
  if (year < earliestBirthYear) {
    return invalid('ID_BIRTH_DATE_TOO_EARLY', `身份证号中的出生日期早于${earliestBirthYear}年`);
  }
  if (birth > chinaDateKey(now)) {
    return invalid('ID_BIRTH_DATE_FUTURE', '身份证号中的出生日期晚于今天');
  }
  if (idCheckDigit(id.slice(0, 17)) !== id.charAt(17)) {
    return invalid('ID_CHECK', '身份证号校验位错误');
  }
  return valid(id);
}

/** Masks all but the first 6 and last 4 characters: 110105********002X. Short inputs are fully masked. */
export function maskIdNumber(id: string): string {
  const chars = [...id.trim()];
  if (chars.length <= 10) return '*'.repeat(chars.length);
  return chars.slice(0, 6).join('') + '*'.repeat(chars.length - 10) + chars.slice(-4).join('');
}
