import type { FormRule as Rule } from 'antd';

/**
 * Inline checks of the application form, in Chinese. They mirror the server's validators
 * (src/domain/validators) closely enough to catch typing mistakes; the server checks again and
 * its answer is put on the field.
 */

const idWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChars = '10X98765432';

export function idNumberProblem(input: string): string | null {
  const id = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return '身份证号应为18位：前17位为数字，最后一位为数字或X';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1800 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return '身份证号中的出生日期（第7至14位）不是有效日期';
  if (date.getTime() > Date.now()) return '身份证号中的出生日期晚于今天';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id.charAt(i)) * (idWeights[i] ?? 0);
  if (checkChars.charAt(sum % 11) !== id.charAt(17)) return '身份证号校验位错误，请核对';
  return null;
}

export function mobileProblem(input: string): string | null {
  let n = input.trim().replace(/[\s-]+/g, '');
  if (n.startsWith('+86')) n = n.slice(3);
  else if (n.startsWith('0086')) n = n.slice(4);
  else if (n.startsWith('86') && n.length === 13) n = n.slice(2);
  return /^1[3-9]\d{9}$/.test(n) ? null : '手机号码应为11位数字，以13至19开头';
}

export function englishDomainProblem(input: string): string | null {
  let name = input.trim().toLowerCase();
  if (/[/\\:?#@]/.test(name)) return '请只填写域名（例如 www.example.gov.cn），不要包含 http://、路径、端口或其他内容';
  if (name.endsWith('.')) name = name.slice(0, -1);
  if (name.length > 253) return '域名总长度不能超过253个字符';
  const labels = name.split('.');
  if (labels.length < 2) return '请填写完整域名，至少包含两级（例如 example.gov.cn）';
  for (const label of labels) {
    if (label === '') return '域名中不能有空的部分（连续的点或以点开头）';
    if (label.length > 63) return '域名中每一级不能超过63个字符';
    if (!/^[a-z0-9-]+$/.test(label)) return '英文域名只能包含英文字母、数字和连字符“-”（中文域名请填写在中文域名一栏）';
    if (label.startsWith('-') || label.endsWith('-')) return '域名中每一级不能以连字符“-”开头或结尾';
  }
  const tld = labels[labels.length - 1] ?? '';
  if (!/^[a-z]{2,63}$/.test(tld) && !/^xn--[a-z0-9-]+$/.test(tld)) return `“${tld}”不是有效的顶级域名`;
  return null;
}

const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function isIpv6(s: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || !s.includes(':')) return false;
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  const last = groups.at(-1);
  const v4Tail = last !== undefined && last.includes('.');
  if (v4Tail && !ipv4.test(last)) return false;
  const count = groups.length + (v4Tail ? 1 : 0);
  if (!groups.slice(0, v4Tail ? -1 : undefined).every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? count < 8 : count === 8;
}

export function ipProblem(input: string): string | null {
  let s = input.trim();
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  if (ipv4.test(s) || isIpv6(s)) return null;
  return '请填写有效的IPv4或IPv6地址（不要包含端口、掩码或其他内容）';
}

/** An antd rule from a problem function; empty values are left to the `required` rule. */
export const check = (problem: (v: string) => string | null): Rule => ({
  validator: (_, value: unknown) => {
    if (typeof value !== 'string' || value.trim() === '') return Promise.resolve();
    const p = problem(value);
    return p ? Promise.reject(new Error(p)) : Promise.resolve();
  },
});

export const required = (message: string): Rule => ({ required: true, whitespace: true, message });

export const max = (n: number, label: string): Rule => ({ max: n, message: `${label}不能超过${n}个字符` });

export const notUrl: Rule = {
  validator: (_, value: unknown) =>
    typeof value === 'string' && /(https?:\/\/|www\.)/i.test(value)
      ? Promise.reject(new Error('网站名称应填写网页标签显示的名称，不是网址'))
      : Promise.resolve(),
};
