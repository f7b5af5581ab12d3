import type { ApplicationType, Step, UnitType } from '../../../applications/types';

/** GET /api/admin/workflow-configs/:regionCode (src/app/applications/workflow-settings.ts). */
export interface PaperItemSpec {
  kind: string;
  label: string;
  copies: number;
}

export interface RegionConfig {
  chains?: Partial<Record<ApplicationType, Partial<Record<UnitType, Step[]>>>>;
  paperRequiredForPublicInstitution?: boolean;
  paperItems?: Partial<Record<UnitType, PaperItemSpec[]>>;
  dueWorkingDays?: Partial<Record<Step, number>>;
}

export interface Effective {
  type: ApplicationType;
  unitType: UnitType;
  chain: Step[];
  paperItems: PaperItemSpec[];
  dueWorkingDays: Record<Step, number>;
}

export interface WorkflowConfigView {
  regionCode: string;
  regionName: string;
  config: RegionConfig;
  version: number;
  effective: Effective[];
}

export const applicationTypes: ApplicationType[] = ['new_site', 're_review', 'change', 'deregister'];
export const unitTypes: UnitType[] = ['party_government', 'public_institution'];
export const steps: Step[] = ['office', 'center', 'paper'];
const inherit = 'inherit';

/** The editor's values: "inherit" wherever the region takes its parent's (or the default) setting. */
export interface EditorValues {
  paperFlag: 'inherit' | 'yes' | 'no';
  due: Partial<Record<Step, number | null>>;
  chains: Record<ApplicationType, Record<UnitType, string>>;
  paper: Record<UnitType, { custom: boolean; items: PaperItemSpec[] }>;
}

/** Every non-empty chain in canonical order, paper last (the server's ChainSchema). */
export const chainChoices: Step[][] = [['office'], ['center'], ['office', 'center'], ['office', 'paper'], ['center', 'paper'], ['office', 'center', 'paper'], ['paper']];

export function toValues(c: RegionConfig, effective: Effective[]): EditorValues {
  const chains = Object.fromEntries(
    applicationTypes.map((t) => [t, Object.fromEntries(unitTypes.map((u) => [u, c.chains?.[t]?.[u]?.join(',') ?? inherit]))]),
  ) as EditorValues['chains'];
  const paper = Object.fromEntries(
    unitTypes.map((u) => {
      const own = c.paperItems?.[u];
      const shown = own ?? effective.find((e) => e.unitType === u)?.paperItems ?? [];
      return [u, { custom: own !== undefined, items: shown.map((i) => ({ ...i })) }];
    }),
  ) as EditorValues['paper'];
  return {
    paperFlag: c.paperRequiredForPublicInstitution === undefined ? inherit : c.paperRequiredForPublicInstitution ? 'yes' : 'no',
    due: { office: c.dueWorkingDays?.office ?? null, center: c.dueWorkingDays?.center ?? null, paper: c.dueWorkingDays?.paper ?? null },
    chains,
    paper,
  };
}

export function toConfig(v: EditorValues): RegionConfig {
  const out: RegionConfig = {};
  if (v.paperFlag !== inherit) out.paperRequiredForPublicInstitution = v.paperFlag === 'yes';
  const due: Partial<Record<Step, number>> = {};
  for (const s of steps) {
    const n = v.due[s];
    if (typeof n === 'number') due[s] = n;
  }
  if (Object.keys(due).length) out.dueWorkingDays = due;
  const chains: RegionConfig['chains'] = {};
  for (const t of applicationTypes) {
    for (const u of unitTypes) {
      const c = v.chains[t]?.[u];
      if (c && c !== inherit) (chains[t] ??= {})[u] = c.split(',') as Step[];
    }
  }
  if (Object.keys(chains).length) out.chains = chains;
  const paperItems: RegionConfig['paperItems'] = {};
  for (const u of unitTypes) {
    const p = v.paper[u];
    if (p?.custom) paperItems[u] = p.items.map((i) => ({ kind: i.kind.trim(), label: i.label.trim(), copies: i.copies }));
  }
  if (Object.keys(paperItems).length) out.paperItems = paperItems;
  return out;
}
