import { InvalidInput } from '../errors.js';
import type { RegionLevel } from '../types.js';

/**
 * GB/T 2260 codes are hierarchical: `XX0000` a province, `XXXX00` a city (地级), anything else a
 * county (县级). A county usually sits under its city (`XXXX00`), or directly under its province
 * (省直辖县级行政区划, e.g. 429004 under 420000).
 */
export function regionLevelOf(code: string): RegionLevel {
  if (!/^\d{6}$/.test(code) || code === '000000') throw new InvalidInput('REGION_CODE_INVALID', '区域代码应为6位GB/T 2260行政区划代码', 'code');
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

/** The parent a region of this code must have, by the code's structure. */
export function verifyRegionParent(code: string, parent: { code: string; level: RegionLevel } | null): void {
  const level = regionLevelOf(code);
  if (level === 'province') {
    if (parent !== null) throw new InvalidInput('REGION_PARENT_INVALID', '省级行政区划没有上级区域', 'parentCode');
    return;
  }
  const province = `${code.slice(0, 2)}0000`;
  const city = `${code.slice(0, 4)}00`;
  const ok = parent !== null && (parent.code === province || (level === 'county' && parent.code === city));
  if (!ok) throw new InvalidInput('REGION_PARENT_INVALID', `区域${code}的上级应为${level === 'city' ? province : `${city}或${province}`}`, 'parentCode');
}
