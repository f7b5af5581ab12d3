import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { organisationCodeCheck, usccCheckCharacter, validateUscc } from './uscc.js';

/** Builds a code from prefix (2) + region (6) + org body (8), with both checks right. */
function makeUscc(prefix: string, region: string, body: string): string {
  const first17 = prefix + region + body + organisationCodeCheck(body);
  return first17 + usccCheckCharacter(first17);
}

describe('validateUscc', () => {
  it('accepts the GB 32100 example 91350100M000100Y43', () => {
    expect(validateUscc('91350100M000100Y43')).toEqual({ ok: true, value: '91350100M000100Y43', warnings: [] });
  });

  it('computes the check characters of the standard example', () => {
    expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(organisationCodeCheck('M000100Y')).toBe('4');
  });

  it('maps GB 11714 check values 10 to X and 11 to 0', () => {
    expect(organisationCodeCheck('00000001')).toBe('9'); // Σ = 2 → 11 − 2 = 9
    expect(organisationCodeCheck('00000006')).toBe('X'); // Σ = 12 → 11 − 1 = 10 → X
    expect(organisationCodeCheck('00000000')).toBe('0'); // Σ = 0 → 11 → 0
  });

  it('trims and upper-cases the input', () => {
    const r = validateUscc('  91350100m000100y43 ');
    expect(r).toMatchObject({ ok: true, value: '91350100M000100Y43' });
  });

  it('rejects a USCC whose check character is wrong', () => {
    expect(validateUscc('91350100M000100Y44')).toMatchObject({ ok: false, code: 'USCC_CHECK' });
    expect(validateUscc('91350100M000100Y44')).toMatchObject({ message: '统一社会信用代码校验位错误' });
  });

  it('rejects a USCC whose embedded organisation code check is wrong', () => {
    const body = '00000001';
    const wrongOrgCheck = organisationCodeCheck(body) === '1' ? '2' : '1';
    const first17 = '11' + '110000' + body + wrongOrgCheck;
    const code = first17 + usccCheckCharacter(first17);
    expect(validateUscc(code)).toMatchObject({ ok: false, code: 'USCC_ORG_CODE_CHECK' });
  });

  it('accepts generated 11… and 12… codes built with its own check functions', () => {
    for (const body of ['00000001', '00000006', '00000000', 'MB1234AB', 'A0B0C0D0']) {
      expect(validateUscc(makeUscc('11', '110000', body)).ok).toBe(true);
      expect(validateUscc(makeUscc('12', '330100', body)).ok).toBe(true);
    }
  });

  it('rejects an empty code', () => {
    expect(validateUscc('   ')).toMatchObject({ ok: false, code: 'USCC_EMPTY' });
  });

  it('rejects a code that is not 18 characters long', () => {
    expect(validateUscc('91350100M000100Y4')).toMatchObject({ ok: false, code: 'USCC_LENGTH' });
    expect(validateUscc('91350100M000100Y430')).toMatchObject({ ok: false, code: 'USCC_LENGTH' });
  });

  it('rejects the letters I, O, S, V and Z', () => {
    for (const letter of ['I', 'O', 'S', 'V', 'Z']) {
      expect(validateUscc(`91350100M000100${letter}43`)).toMatchObject({ ok: false, code: 'USCC_BAD_CHARACTER' });
    }
    expect(validateUscc('91350100M000-00Y43')).toMatchObject({ ok: false, code: 'USCC_BAD_CHARACTER' });
  });

  it('rejects a code whose positions 3–8 are not six digits', () => {
    const first17 = '1133010A' + '00000001' + organisationCodeCheck('00000001');
    expect(validateUscc(first17 + usccCheckCharacter(first17))).toMatchObject({ ok: false, code: 'USCC_BAD_REGION' });
  });

  it('warns when a party-government unit gives a code not starting with 11', () => {
    const r = validateUscc(makeUscc('12', '110000', '00000001'), 'party_government');
    expect(r).toMatchObject({ ok: true, warnings: [{ code: 'USCC_TYPE_MISMATCH' }] });
  });

  it('warns when a public institution gives a code not starting with 12', () => {
    const r = validateUscc(makeUscc('11', '110000', '00000001'), 'public_institution');
    expect(r).toMatchObject({ ok: true, warnings: [{ code: 'USCC_TYPE_MISMATCH' }] });
  });

  it('does not warn when the prefix matches the unit type', () => {
    expect(validateUscc(makeUscc('11', '110000', '00000001'), 'party_government')).toMatchObject({ warnings: [] });
    expect(validateUscc(makeUscc('12', '110000', '00000001'), 'public_institution')).toMatchObject({ warnings: [] });
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })), (s) => {
        const r = validateUscc(s);
        expect(typeof r.ok).toBe('boolean');
      }),
    );
  });

  it('accepts every code built from random valid parts', () => {
    const ch = fc.constantFrom(...'0123456789ABCDEFGHJKLMNPQRTUWXY');
    const digit = fc.constantFrom(...'0123456789');
    fc.assert(
      fc.property(
        fc.array(ch, { minLength: 2, maxLength: 2 }),
        fc.array(digit, { minLength: 6, maxLength: 6 }),
        fc.array(ch, { minLength: 8, maxLength: 8 }),
        (p, r, b) => validateUscc(makeUscc(p.join(''), r.join(''), b.join(''))).ok,
      ),
    );
  });
});
