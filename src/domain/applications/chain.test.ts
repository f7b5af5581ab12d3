import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidInput } from '../errors.js';
import { ChainSchema, defaultChain, statusOfStep, steps, validateChain, type Step } from './chain.js';

describe('defaultChain', () => {
  it('sends a 注销 to the 编办 only, whatever the unit', () => {
    expect(defaultChain('deregister', 'party_government', true)).toEqual(['office']);
    expect(defaultChain('deregister', 'public_institution', true)).toEqual(['office']);
    expect(defaultChain('deregister', 'public_institution', false)).toEqual(['office']);
  });

  it('always requires paper from 党政机关', () => {
    for (const type of ['new_site', 're_review', 'change'] as const) {
      expect(defaultChain(type, 'party_government', false)).toEqual(['office', 'center', 'paper']);
      expect(defaultChain(type, 'party_government', true)).toEqual(['office', 'center', 'paper']);
    }
  });

  it('requires paper from 事业单位 only where the region says so', () => {
    expect(defaultChain('new_site', 'public_institution', true)).toEqual(['office', 'center', 'paper']);
    expect(defaultChain('new_site', 'public_institution', false)).toEqual(['office', 'center']);
    expect(defaultChain('change', 'public_institution', false)).toEqual(['office', 'center']);
  });

  it('gives chains that pass ChainSchema', () => {
    expect(ChainSchema.safeParse(defaultChain('re_review', 'public_institution', true)).success).toBe(true);
  });
});

describe('statusOfStep', () => {
  it('maps each step to its pending status', () => {
    expect(statusOfStep).toEqual({ office: 'pending_office', center: 'pending_center', paper: 'pending_paper' });
  });
});

describe('validateChain', () => {
  it.each<[Step[]]>([
    [['office']],
    [['center']],
    [['paper']],
    [['office', 'center']],
    [['office', 'paper']],
    [['center', 'paper']],
    [['office', 'center', 'paper']],
  ])('accepts %j', (chain) => {
    expect(validateChain(chain)).toEqual(chain);
  });

  const refuses = (input: unknown, message: string) => {
    try {
      validateChain(input);
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidInput);
      expect(e).toMatchObject({ code: 'CHAIN_INVALID', field: 'chain', status: 400, message });
      return;
    }
    throw new Error(`accepted ${JSON.stringify(input)}`);
  };

  it('refuses an empty chain', () => refuses([], '审核链至少需要一个环节'));
  it('refuses something that is not a list', () => refuses('office', '审核链必须是审核环节的列表'));
  it('refuses an unknown step', () => refuses(['office', 'ministry'], '审核环节只能是编办审核、中心审核或纸质材料确认'));
  it('refuses a repeated step', () => refuses(['office', 'office'], '审核链中的环节不能重复'));
  it('refuses paper before anything else', () => refuses(['paper', 'office'], '纸质材料确认只能是审核链的最后一个环节'));
  it('refuses the centre before the 编办', () => refuses(['center', 'office'], '审核链的顺序必须为编办审核、中心审核、纸质材料确认'));

  it('accepts exactly the non-empty subsequences of office → center → paper', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...steps), { maxLength: 5 }), (chain) => {
        const isSubsequence =
          chain.length > 0 && chain.every((s, i) => i === 0 || steps.indexOf(chain[i - 1] as Step) < steps.indexOf(s));
        expect(ChainSchema.safeParse(chain).success).toBe(isSubsequence);
      }),
    );
  });
});
