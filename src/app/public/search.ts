import type { AppContext } from '../context.js';
import { searchSites, type SearchField } from '../../db/repositories/public-site.js';
import type { Hosting, UnitType, WebsiteStatus } from '../../domain/types.js';

export interface SearchInput {
  q: string;
  field: SearchField;
  page: number;
  pageSize: number;
}

export interface SearchHit {
  publicId: string;
  websiteName: string;
  unitName: string;
  unitType: UnitType;
  domainName: string;
  englishDomain: string | null;
  hosting: Hosting;
  status: WebsiteStatus;
}

export interface SearchResult {
  items: SearchHit[];
  page: number;
  hasNext: boolean;
}

/** Public search by 机构名称, 域名 or 网站名称 (substring, case-insensitive for Latin letters). */
export async function searchPublic(app: AppContext, input: SearchInput): Promise<SearchResult> {
  const q = input.q.trim();
  if (q === '') return { items: [], page: 1, hasNext: false };
  const rows = await searchSites(app.db, q, input.field, (input.page - 1) * input.pageSize, input.pageSize);
  const items = rows.slice(0, input.pageSize).flatMap((r) => (r.publicId === null ? [] : [{ ...r, publicId: r.publicId }]));
  return { items, page: input.page, hasNext: rows.length > input.pageSize };
}
