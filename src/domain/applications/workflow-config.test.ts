import { describe, expect, it } from 'vitest';
import { RegionWorkflowConfig, resolveWorkflow } from './workflow-config.js';

describe('resolving a region’s workflow', () => {
  it('uses the procedure’s defaults when no region configures anything', () => {
    expect(resolveWorkflow([], 'change', 'party_government').chain).toEqual(['office', 'center', 'paper']);
    expect(resolveWorkflow([], 'change', 'public_institution').chain).toEqual(['office', 'center']);
    expect(resolveWorkflow([], 'deregister', 'party_government').chain).toEqual(['office']);
    const pg = resolveWorkflow([], 'new_site', 'party_government');
    expect(pg.paperItems.map((i) => i.label)).toEqual(['《党政机关网站资格复核申请表》（加盖单位公章）', '经办人身份证复印件（加盖单位公章）']);
    expect(pg.paperItems[0]?.copies).toBe(3);
    expect(pg.dueWorkingDays).toEqual({ office: 5, center: 5, paper: 10 });
  });

  it('adds the paper step for 事业单位 in a region that requires it, inherited by its children', () => {
    const province: RegionWorkflowConfig = { paperRequiredForPublicInstitution: true };
    expect(resolveWorkflow([{}, province], 'new_site', 'public_institution').chain).toEqual(['office', 'center', 'paper']);
    expect(resolveWorkflow([{}, province], 'new_site', 'public_institution').paperItems[0]?.label).toContain('事业单位网上名称审核表');
  });

  it('lets the nearest region override its ancestors, part by part', () => {
    const city: RegionWorkflowConfig = { chains: { change: { party_government: ['office', 'paper'] } }, dueWorkingDays: { office: 3 } };
    const province: RegionWorkflowConfig = { dueWorkingDays: { office: 7, paper: 15 } };
    const r = resolveWorkflow([city, province], 'change', 'party_government');
    expect(r.chain).toEqual(['office', 'paper']);
    expect(r.dueWorkingDays).toEqual({ office: 3, center: 5, paper: 15 });
    expect(resolveWorkflow([city, province], 'new_site', 'party_government').chain).toEqual(['office', 'center', 'paper']);
  });

  it('refuses a malformed configuration', () => {
    expect(RegionWorkflowConfig.safeParse({ chains: { change: { party_government: ['paper', 'office'] } } }).success).toBe(false);
    expect(RegionWorkflowConfig.safeParse({ paperItems: { party_government: [] } }).success).toBe(false);
    expect(RegionWorkflowConfig.safeParse({ dueWorkingDays: { office: 0 } }).success).toBe(false);
    expect(RegionWorkflowConfig.safeParse({ unknown: 1 }).success).toBe(false);
  });
});
