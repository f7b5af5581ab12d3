import type { Role } from '../types.js';

/** Who is acting: the logged-in user with the scope the role gives them. */
export interface Actor {
  id: string;
  username: string;
  role: Role;
  /** Set for `handler`: the one unit whose things they see. */
  unitId: string | null;
  /** Set for `office_reviewer`: their region and its path, for subtree scope. */
  regionCode: string | null;
  regionPath: string | null;
}

/** Is `path` (a unit's region path) inside the subtree rooted at `scopePath`? Codes are fixed
 * width, so a plain prefix test cannot confuse 330100 with 3301001. */
export const inRegion = (scopePath: string, path: string): boolean =>
  path === scopePath || path.startsWith(`${scopePath}/`);
