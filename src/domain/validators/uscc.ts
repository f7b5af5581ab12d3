/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet.
 * 1 登记管理部门 · 2 机构类别 · 3–8 行政区划码 · 9–17 组织机构代码 (GB 11714, with its own check) · 18 check.
 */
import type { UnitType } from '../types.js';
import { invalid, valid, type Validation, type ValidationWarning } from './result.js';

/** The GB 32100 alphabet: digits and upper-case letters without I, O, S, V, Z. */
export const usccAlphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights 3^(i−1) mod 31 for positions 1–17. */
const usccWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** GB 11714 weights for the 8 body characters of the 组织机构代码. */
const orgWeights = [3, 7, 9, 10, 5, 8, 4, 2] as const;

const usccPattern = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** Expected unit-type prefix (positions 1–2): 机构编制 + 机关 / 事业单位. */
const expectedPrefix: Record<UnitType, { prefix: string; label: string }> = {
  party_government: { prefix: '11', label: '党政机关' },
  public_institution: { prefix: '12', label: '事业单位' },
};

/** Check character (position 18) for the first 17 characters. Throws on a character outside the alphabet. */
export function usccCheckCharacter(first17: string): string {
  if (first17.length !== 17) throw new RangeError('usccCheckCharacter expects 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = usccAlphabet.indexOf(first17.charAt(i));
    if (value < 0) throw new RangeError(`character outside the GB 32100 alphabet: ${first17.charAt(i)}`);
    sum += value * (usccWeights[i] ?? 0);
  }
  return usccAlphabet.charAt((31 - (sum % 31)) % 31);
}

/** GB 11714 check character for the 8 body characters of a 组织机构代码 (digits and A–Z). */
export function organisationCodeCheck(first8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(first8)) throw new RangeError('organisationCodeCheck expects 8 characters 0-9/A-Z');
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    // GB 11714: digits keep their value, A = 10 … Z = 35.
    sum += Number.parseInt(first8.charAt(i), 36) * (orgWeights[i] ?? 0);
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

export function validateUscc(input: string, unitType?: UnitType): Validation<string> {
  const code = input.trim().toUpperCase();
  if (code === '') return invalid('USCC_EMPTY', '请填写统一社会信用代码');
  const length = [...code].length;
  if (length !== 18) {
    return invalid('USCC_LENGTH', `统一社会信用代码应为18位，当前为${length}位`);
  }
  if (!usccPattern.test(code)) {
    return invalid('USCC_BAD_CHARACTER', '统一社会信用代码只能包含数字和大写字母（不含I、O、S、V、Z）');
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) {
    return invalid('USCC_BAD_REGION', '统一社会信用代码第3至8位应为6位数字的行政区划码');
  }
  if (usccCheckCharacter(code.slice(0, 17)) !== code.charAt(17)) {
    return invalid('USCC_CHECK', '统一社会信用代码校验位错误');
  }
  if (organisationCodeCheck(code.slice(8, 16)) !== code.charAt(16)) {
    return invalid('USCC_ORG_CODE_CHECK', '统一社会信用代码中的组织机构代码（第9至17位）校验位错误');
  }
  const warnings: ValidationWarning[] = [];
  if (unitType !== undefined) {
    const { prefix, label } = expectedPrefix[unitType];
    if (!code.startsWith(prefix)) {
      warnings.push({
        code: 'USCC_TYPE_MISMATCH',
        message: `${label}的统一社会信用代码通常以“${prefix}”开头，请核对代码或机构类型`,
      });
    }
  }
  return valid(code, warnings);
}
