import type { AppContext } from '../context.js';
import { searchSites, trigramMinLength, type SearchField } from '../../db/repositories/public-site.js';
import type { Hosting, UnitType, WebsiteStatus } from '../../domain/types.js';
import { DomainError } from '../../domain/errors.js';

export class SearchTooSlow extends DomainError {
  readonly code = 'SEARCH_TIMEOUT';
  readonly status = 503;
  constructor() {
    super('查询耗时过长，请输入更完整的机构名称、域名或网站名称后重试');
  }
}

/** PostgreSQL's query_canceled (57014), however the driver wraps it. */
const isTimeout = (err: unknown): boolean => {
  for (let e: unknown = err, i = 0; e !== null && typeof e === 'object' && i < 4; e = (e as { cause?: unknown }).cause, i++) {
    if ((e as { code?: unknown }).code === '57014') return true;
  }
  return false;
};

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
  /** The query was shorter than `trigramMinLength`: only fields starting with it were matched. */
  prefixOnly: boolean;
}

/**
 * Public search by 机构名称, 域名 or 网站名称: substring (case-insensitive for Latin letters) on
 * trigram indexes for 3 characters or more; a 1–2 character query has no trigram and matches the
 * start of the fields instead (`prefixOnly`), also on an index.
 * @throws SearchTooSlow  the query ran past `timeoutMs` (a very common substring)
 */
export async function searchPublic(app: AppContext, input: SearchInput, timeoutMs = 3000): Promise<SearchResult> {
  const q = input.q.trim();
  if (q === '') return { items: [], page: 1, hasNext: false, prefixOnly: false };
  const rows = await searchSites(app.db, q, input.field, (input.page - 1) * input.pageSize, input.pageSize, timeoutMs).catch((err: unknown) => {
    throw isTimeout(err) ? new SearchTooSlow() : err;
  });
  const items = rows.slice(0, input.pageSize).flatMap((r) => (r.publicId === null ? [] : [{ ...r, publicId: r.publicId }]));
  return { items, page: input.page, hasNext: rows.length > input.pageSize, prefixOnly: [...q].length < trigramMinLength };
}
