/**
 * The review chain: which steps an application passes through, in order. The chain is data,
 * chosen when the application is submitted, so a region's configuration (事业单位 paper or not)
 * or an admin's edit changes future applications without touching the transition table.
 */
import { z } from 'zod';
import { InvalidInput } from '../errors.js';
import type { ApplicationType, UnitType } from '../types.js';

/** The canonical order. Any chain is a subsequence of it. */
export const steps = ['office', 'center', 'paper'] as const;
export type Step = (typeof steps)[number];

export const stepLabel: Record<Step, string> = {
  office: '编办审核',
  center: '中心审核',
  paper: '纸质材料确认',
};

export type PendingStatus = 'pending_office' | 'pending_center' | 'pending_paper';

export const statusOfStep: Record<Step, PendingStatus> = {
  office: 'pending_office',
  center: 'pending_center',
  paper: 'pending_paper',
};

/**
 * The chain a new application gets when no admin has configured another one.
 * 注销 only needs the 编办; everything else goes to the centre too. 党政机关 always hand in paper
 * (《党政机关网站资格复核申请表》); for 事业单位 it depends on the region.
 */
export function defaultChain(
  type: ApplicationType,
  unitType: UnitType,
  paperRequiredForPublicInstitution: boolean,
): Step[] {
  if (type === 'deregister') return ['office'];
  const paper = unitType === 'party_government' || paperRequiredForPublicInstitution;
  return paper ? ['office', 'center', 'paper'] : ['office', 'center'];
}

const rank = (step: Step): number => steps.indexOf(step);

/** A chain as an admin may configure it. Each rule has its own message, so the console can say which. */
export const ChainSchema = z
  .array(z.enum(steps, { error: '审核环节只能是编办审核、中心审核或纸质材料确认' }), {
    error: '审核链必须是审核环节的列表',
  })
  .min(1, { error: '审核链至少需要一个环节' })
  .superRefine((chain, ctx) => {
    if (new Set(chain).size !== chain.length) {
      ctx.addIssue({ code: 'custom', message: '审核链中的环节不能重复' });
      return;
    }
    const paperAt = chain.indexOf('paper');
    if (paperAt !== -1 && paperAt !== chain.length - 1) {
      ctx.addIssue({ code: 'custom', message: '纸质材料确认只能是审核链的最后一个环节' });
      return;
    }
    for (let i = 1; i < chain.length; i++) {
      const prev = chain[i - 1];
      const cur = chain[i];
      if (prev !== undefined && cur !== undefined && rank(prev) > rank(cur)) {
        ctx.addIssue({ code: 'custom', message: '审核链的顺序必须为编办审核、中心审核、纸质材料确认' });
        return;
      }
    }
  });

/** Parses an admin-edited chain. @throws InvalidInput CHAIN_INVALID with the first broken rule. */
export function validateChain(input: unknown): Step[] {
  const parsed = ChainSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const message = parsed.error.issues[0]?.message ?? '审核链无效';
  throw new InvalidInput('CHAIN_INVALID', message, 'chain');
}
