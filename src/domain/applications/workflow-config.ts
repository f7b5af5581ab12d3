import { z } from 'zod';
import { applicationTypes, unitTypes, type ApplicationType, type UnitType } from '../types.js';
import { ChainSchema, defaultChain, type Step } from './chain.js';

/**
 * A region's workflow settings, edited by the admin. Every part is optional: what a region does
 * not set comes from its nearest ancestor that does, and finally from the defaults below (the
 * procedure's rules).
 */
export const PaperItemSpec = z.strictObject({
  kind: z.string().trim().min(1).max(64).regex(/^[a-z0-9_]+$/, '材料代码只能包含小写字母、数字和下划线'),
  label: z.string().trim().min(1).max(128),
  copies: z.number().int().min(1).max(10),
});
export type PaperItemSpec = z.infer<typeof PaperItemSpec>;

const perUnitType = <T extends z.ZodType>(t: T) => z.partialRecord(z.enum(unitTypes), t);

export const RegionWorkflowConfig = z.strictObject({
  chains: z.partialRecord(z.enum(applicationTypes), perUnitType(ChainSchema)).optional(),
  paperRequiredForPublicInstitution: z.boolean().optional(),
  paperItems: perUnitType(z.array(PaperItemSpec).min(1).max(10)).optional(),
  dueWorkingDays: z
    .strictObject({
      office: z.number().int().min(1).max(60).optional(),
      center: z.number().int().min(1).max(60).optional(),
      paper: z.number().int().min(1).max(60).optional(),
    })
    .optional(),
});
export type RegionWorkflowConfig = z.infer<typeof RegionWorkflowConfig>;

/** The procedure's paper materials: the form ×3 stamped and the 经办人's ID copy. */
export const defaultPaperItems: Record<UnitType, PaperItemSpec[]> = {
  party_government: [
    { kind: 'application_form', label: '《党政机关网站资格复核申请表》（加盖单位公章）', copies: 3 },
    { kind: 'handler_id_copy', label: '经办人身份证复印件（加盖单位公章）', copies: 1 },
  ],
  public_institution: [
    { kind: 'application_form', label: '《事业单位网上名称审核表》（加盖单位公章）', copies: 3 },
    { kind: 'handler_id_copy', label: '经办人身份证复印件（加盖单位公章）', copies: 1 },
  ],
};

/** 编办 初审 in 5 working days, paper checked within 10 after it arrives (管理办法); the centre: 5. */
export const defaultDueWorkingDays: Record<Step, number> = { office: 5, center: 5, paper: 10 };

export interface ResolvedWorkflow {
  chain: Step[];
  paperItems: PaperItemSpec[];
  dueWorkingDays: Record<Step, number>;
}

/** `configs` is the unit's region first, then each ancestor up to the province. */
export function resolveWorkflow(configs: RegionWorkflowConfig[], type: ApplicationType, unitType: UnitType): ResolvedWorkflow {
  const first = <T>(pick: (c: RegionWorkflowConfig) => T | undefined): T | undefined => {
    for (const c of configs) {
      const v = pick(c);
      if (v !== undefined) return v;
    }
    return undefined;
  };
  const paperFlag = first((c) => c.paperRequiredForPublicInstitution) ?? false;
  const chain = first((c) => c.chains?.[type]?.[unitType]) ?? defaultChain(type, unitType, paperFlag);
  return {
    chain,
    paperItems: first((c) => c.paperItems?.[unitType]) ?? defaultPaperItems[unitType],
    dueWorkingDays: {
      office: first((c) => c.dueWorkingDays?.office) ?? defaultDueWorkingDays.office,
      center: first((c) => c.dueWorkingDays?.center) ?? defaultDueWorkingDays.center,
      paper: first((c) => c.dueWorkingDays?.paper) ?? defaultDueWorkingDays.paper,
    },
  };
}
