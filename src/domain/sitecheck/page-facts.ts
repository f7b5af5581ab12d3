/** What else a home page tells the reviewers: its ICP备案号 and whether our badge script is on it. */

const provinces = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const icpPattern = new RegExp(`[${provinces}]\\s*ICP\\s*[备證证]\\s*(\\d{4,12})\\s*号(?:\\s*[-－—]\\s*(\\d{1,4}))?`, 'u');

/** The ICP备案号 shown on the page (usually in the footer), e.g. `浙ICP备05000000号-1`; informational. */
export function findIcpNumber(text: string): string | null {
  const plain = text.replace(/<[^>]*>/g, ' ').replace(/&nbsp;|\u00a0/g, ' ');
  const m = icpPattern.exec(plain);
  if (m === null) return null;
  const province = m[0].charAt(0);
  return `${province}ICP备${m[1]}号${m[2] === undefined ? '' : `-${m[2]}`}`;
}

/** Whether the page loads the badge script of this website (`//PUBLIC_HOST/badge/<id>.js`). */
export function hasBadgeScript(html: string, badgePublicId: string): boolean {
  const id = badgePublicId.replace(/[^0-9A-Fa-f]/g, '');
  if (id === '') return false;
  return new RegExp(`<script\\b[^>]*\\bsrc\\s*=\\s*["']?[^"'>\\s]*/badge/${id}\\.js`, 'i').test(html);
}
