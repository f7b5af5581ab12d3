/**
 * The result of a pure validator: either the normalised value (plus warnings that do not block
 * the request) or one error. Codes are stable UPPER_SNAKE strings for programs; messages are
 * Chinese sentences for people.
 */
export interface ValidationWarning {
  code: string;
  message: string;
}

export type Validation<T> =
  | { ok: true; value: T; warnings: ValidationWarning[] }
  | { ok: false; code: string; message: string };

export function valid<T>(value: T, warnings: ValidationWarning[] = []): Validation<T> {
  return { ok: true, value, warnings };
}

export function invalid<T = never>(code: string, message: string): Validation<T> {
  return { ok: false, code, message };
}
