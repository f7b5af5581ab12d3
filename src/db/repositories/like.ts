/** A value used inside a LIKE pattern, its own `\`, `%` and `_` escaped (PostgreSQL's default escape `\`). */
export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);
