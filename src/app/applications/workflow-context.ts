import type { Db } from '../../db/client.js';
import { allCalendarDays, configsAlongPath } from '../../db/repositories/workflow-settings.js';
import { RegionWorkflowConfig, resolveWorkflow, type ResolvedWorkflow } from '../../domain/applications/workflow-config.js';
import { makeCalendar, type WorkCalendar } from '../../domain/calendar/working-days.js';
import type { ApplicationType, UnitType } from '../../domain/types.js';

/** The workflow in force for a unit's region: its own settings, then its ancestors', then defaults. */
export async function workflowFor(db: Db, regionPath: string, type: ApplicationType, unitType: UnitType): Promise<ResolvedWorkflow> {
  const rows = await configsAlongPath(db, regionPath);
  // Stored configs were validated when saved; parsing again keeps a bad row from steering a review.
  const configs = rows.map((r) => RegionWorkflowConfig.parse(r.config));
  return resolveWorkflow(configs, type, unitType);
}

export async function workCalendar(db: Db): Promise<WorkCalendar> {
  const days = await allCalendarDays(db);
  return makeCalendar({
    holidays: days.filter((d) => d.kind === 'holiday').map((d) => d.day),
    extraWorkdays: days.filter((d) => d.kind === 'workday').map((d) => d.day),
  });
}
