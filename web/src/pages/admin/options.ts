import { api } from '../../api';
import type { AdminUnit, Region } from '../../types';

export interface RegionNode {
  value: string;
  title: string;
  children?: RegionNode[];
}

/** GET /api/regions as a tree for TreeSelect (province → city → county). */
export function regionTree(regions: Region[]): RegionNode[] {
  const byCode = new Map<string, RegionNode>();
  for (const r of regions) byCode.set(r.code, { value: r.code, title: r.name });
  const roots: RegionNode[] = [];
  for (const r of regions) {
    const node = byCode.get(r.code);
    if (!node) continue;
    const parent = r.parentCode ? byCode.get(r.parentCode) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}

export const unitOption = (u: AdminUnit) => ({
  value: u.id,
  label: `${u.name}（${u.typeLabel}，${u.region.name}）`,
});

/** Units whose name (or USCC) matches `q`, at most 20: the server searches, the country has 1,000,000. */
export const loadUnits = (signal: AbortSignal, q: string) => api.get<{ items: AdminUnit[] }>('/api/admin/units', { q, limit: 20 }, signal);
export const loadRegions = (signal: AbortSignal) => api.get<{ items: Region[] }>('/api/regions', undefined, signal);
