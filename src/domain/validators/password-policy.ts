/**
 * Password policy (等级保护 2.0 level 3, 身份鉴别: complexity): 8–128 characters, at least three of
 * four character classes, and not the username nor containing it.
 */
import { invalid, valid, type Validation } from './result.js';

export const passwordMinLength = 8;
export const passwordMaxLength = 128;

/**
 * The four classes. "Other" is any printable character that is not an ASCII letter or digit
 * (punctuation, space, 汉字…); control, format, surrogate, private-use and unassigned code points count for nothing.
 */
const classes: readonly RegExp[] = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/u];

/** Number of character classes the password uses (0–4). */
export function passwordClassCount(password: string): number {
  return classes.filter((re) => re.test(password)).length;
}

/**
 * Checks a new password against the policy. Length is counted in Unicode code points.
 * Returns the password unchanged (it is never trimmed).
 */
export function checkPasswordPolicy(password: string, username: string): Validation<string> {
  const length = [...password].length;
  if (length < passwordMinLength) {
    return invalid('PASSWORD_TOO_SHORT', `密码长度不能少于${passwordMinLength}个字符`);
  }
  if (length > passwordMaxLength) {
    return invalid('PASSWORD_TOO_LONG', `密码长度不能超过${passwordMaxLength}个字符`);
  }
  const user = username.trim().toLowerCase();
  const lowered = password.toLowerCase();
  if (user !== '' && (lowered === user || ([...user].length >= 3 && lowered.includes(user)))) {
    return invalid('PASSWORD_CONTAINS_USERNAME', '密码不能与用户名相同，也不能包含用户名');
  }
  if (passwordClassCount(password) < 3) {
    return invalid('PASSWORD_TOO_SIMPLE', '密码须至少包含小写字母、大写字母、数字、其他符号中的三类');
  }
  return valid(password);
}
