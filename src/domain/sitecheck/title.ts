/**
 * 网站名称 "一定要与网站标签显示的内容保持一致": the page's `<title>` as the browser tab shows it,
 * compared with the 网站名称 after normalising what the eye does not see — runs of whitespace
 * (including the ideographic space and &nbsp;) and full-width/half-width forms (Ａ/A, （/(, ：/:).
 */
import type { TitleComparison, TitleSegment } from './types.js';

const named: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  middot: '·',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  laquo: '«',
  raquo: '»',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  copy: '©',
  reg: '®',
  times: '×',
  bull: '•',
  emsp: '\u2003',
  ensp: '\u2002',
  thinsp: '\u2009',
};

/** Character references as HTML defines them for text (numeric ones, and the named ones titles use). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[A-Za-z]{2,8});?/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
      return String.fromCodePoint(code);
    }
    return named[ref] ?? named[ref.toLowerCase()] ?? whole;
  });
}

const maxTitle = 512;

/**
 * The text of the document's first `<title>`, as a browser shows it in the tab: comments,
 * scripts and styles ignored, references decoded, whitespace collapsed. Null when there is none.
 */
export function extractTitle(html: string): string | null {
  const cleaned = html.replace(/<!--[\s\S]*?(-->|$)/g, '').replace(/<(script|style|template)\b[\s\S]*?<\/\1\s*>/gi, '');
  const svgless = cleaned.replace(/<svg\b[\s\S]*?<\/svg\s*>/gi, '');
  const m = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i.exec(svgless);
  if (m?.[1] === undefined) return null;
  const text = decodeEntities(m[1].replace(/<[^>]*>/g, '')).replace(/[\s\u00a0\u3000]+/g, ' ').trim();
  return text.length > maxTitle ? text.slice(0, maxTitle) : text;
}

/** NFKC folds full-width letters, digits and punctuation to half-width (and the ideographic space to a space); then whitespace is collapsed. */
export function normaliseTitle(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, ' ')
    .trim();
}

/** Longest-common-subsequence character diff; titles are short (≤ 512), so O(n·m) is fine. */
export function diffChars(expected: string, actual: string): TitleSegment[] {
  const a = [...expected];
  const b = [...actual];
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: TitleSegment[] = [];
  const push = (op: TitleSegment['op'], ch: string) => {
    const last = out.at(-1);
    if (last !== undefined && last.op === op) last.text += ch;
    else out.push({ op, text: ch });
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      push('same', a[i]!);
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      push('extra', b[j]!);
      j++;
    } else {
      push('missing', a[i]!);
      i++;
    }
  }
  return out;
}

export function compareTitle(websiteName: string, title: string): TitleComparison {
  const expectedNormalised = normaliseTitle(websiteName);
  const actualNormalised = normaliseTitle(title);
  const equal = expectedNormalised === actualNormalised;
  return {
    equal,
    expected: websiteName,
    actual: title,
    expectedNormalised,
    actualNormalised,
    segments: equal ? [{ op: 'same', text: expectedNormalised }] : diffChars(expectedNormalised, actualNormalised),
  };
}

/** A one-line account of a mismatch for messages: what the title has that the name lacks, and vice versa. */
export function describeTitleDifference(c: TitleComparison): string {
  const missing = c.segments.filter((s) => s.op === 'missing').map((s) => `“${s.text}”`);
  const extra = c.segments.filter((s) => s.op === 'extra').map((s) => `“${s.text}”`);
  const parts: string[] = [];
  if (extra.length > 0) parts.push(`网页标题多出 ${extra.join('、')}`);
  if (missing.length > 0) parts.push(`网站名称中的 ${missing.join('、')} 在网页标题中没有`);
  return parts.join('；');
}
