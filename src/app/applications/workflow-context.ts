import type { Db } from '../../db/client.js';
import { allCalendarDays, allWorkflowConfigs } from '../../db/repositories/workflow-settings.js';
import { RegionWorkflowConfig, resolveWorkflow, type ResolvedWorkflow } from '../../domain/applications/workflow-config.js';
import { makeCalendar, type WorkCalendar } from '../../domain/calendar/working-days.js';
import type { ApplicationType, UnitType } from '../../domain/types.js';
import type { AppContext } from '../context.js';

/**
 * How long a process keeps the workflow settings and the calendar it read. Both change a few
 * times a year (系统管理) and every submission and decision reads them: kept, they cost a decision
 * two round trips less. This process drops them at once when it changes them
 * (`forgetWorkflowSettings`); another process's change is seen within this time.
 */
export const workflowSettingsTtlMs = 5_000;

interface Kept {
  until: number;
  calendar?: Promise<WorkCalendar>;
  /** Every region's settings, parsed, by region code: one read serves all regions (a county's
   * decision after another county's was a read each when they were kept per region path). */
  configs?: Promise<Map<string, RegionWorkflowConfig>>;
}
/** Per database (tests run many in one process), so one database's settings never serve another's. */
const kept = new WeakMap<Db, Kept>();

function keptFor(app: AppContext): Kept {
  const now = Date.now();
  let k = kept.get(app.db);
  if (k === undefined || k.until <= now) {
    k = { until: now + workflowSettingsTtlMs };
    kept.set(app.db, k);
  }
  return k;
}

/** A read shared by concurrent callers; a failed one is not kept. */
function remember<T>(drop: () => void, read: () => Promise<T>): Promise<T> {
  const p = read();
  p.catch(drop);
  return p;
}

/** After this process changed the settings or the calendar (after its commit). */
export const forgetWorkflowSettings = (app: AppContext): void => {
  kept.delete(app.db);
};

/**
 * The workflow in force for a unit's region: its own settings, then its ancestors', then
 * defaults. Read through `tx` when not kept.
 */
export async function workflowFor(app: AppContext, tx: Db, regionPath: string, type: ApplicationType, unitType: UnitType): Promise<ResolvedWorkflow> {
  const k = keptFor(app);
  k.configs ??= remember(
    () => delete k.configs,
    // Stored configs were validated when saved; parsing again keeps a bad row from steering a review.
    async () => {
      const rows = await allWorkflowConfigs(tx);
      return new Map(rows.map((r) => [r.regionCode, RegionWorkflowConfig.parse(r.config)]));
    },
  );
  const byRegion = await k.configs;
  const along = regionPath
    .split('/')
    .reverse()
    .flatMap((code) => {
      const c = byRegion.get(code);
      return c === undefined ? [] : [c];
    });
  return resolveWorkflow(along, type, unitType);
}

/** The working-day calendar (节假日 and 调休 workdays) for review deadlines. */
export function workCalendar(app: AppContext, tx: Db): Promise<WorkCalendar> {
  const k = keptFor(app);
  k.calendar ??= remember(
    () => delete k.calendar,
    async () => {
      const days = await allCalendarDays(tx);
      return makeCalendar({
        holidays: days.filter((d) => d.kind === 'holiday').map((d) => d.day),
        extraWorkdays: days.filter((d) => d.kind === 'workday').map((d) => d.day),
      });
    },
  );
  return k.calendar;
}
