import type { FormInstance } from 'antd';
import { ApiError, errorMessage } from './api';

/** API input limits (the server enforces the same ones). */
export const limits = {
  username: 64,
  password: 128,
  displayName: 64,
  mobile: 16,
  email: 254,
  code: 6,
  search: 64,
} as const;

export const passwordHint = '至少8位，包含大写字母、小写字母、数字、符号中的三种，不能包含用户名，不能与最近5次密码相同';

/** Client-side check of the password policy (the server checks it again, and the history). */
export function passwordProblem(pw: string, username?: string): string | null {
  if (pw.length < 8) return '密码至少8位';
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(pw)).length;
  if (classes < 3) return '密码须包含大写字母、小写字母、数字、符号中的三种';
  if (username && pw.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  return null;
}

/**
 * Show an API error: next to its field when the form has that field, otherwise through `show`
 * (a message toast or an alert). Returns the text shown elsewhere, or null when put on a field.
 */
export function applyApiError(form: FormInstance, err: unknown, show: (text: string) => void): void {
  const text = errorMessage(err);
  if (err instanceof ApiError && err.field) {
    const fields = Object.keys(form.getFieldsValue());
    const name = fields.includes(err.field) ? err.field : err.field.split('.').pop();
    if (name && fields.includes(name)) {
      form.setFields([{ name, errors: [text] }]);
      return;
    }
  }
  show(text);
}
