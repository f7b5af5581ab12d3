import { createHash } from 'node:crypto';
import { hostingSentence, type ApplicationPayload } from '../applications/payload.js';
import { applicationTypeLabel, unitTypeLabel, type ApplicationType, type UnitType } from '../types.js';

/** The printed forms: 《党政机关网站资格复核申请表》 (with its 申请函) and 《事业单位网上名称审核表》. */
export const formTitle: Record<UnitType, string> = {
  party_government: '党政机关网站资格复核申请表',
  public_institution: '事业单位网上名称审核表',
};

export interface FormData {
  number: string;
  type: ApplicationType;
  revision: number;
  submittedAt: Date | null;
  unit: { name: string; type: UnitType; uscc: string; address: string; functions: string };
  domainName: string;
  payload: ApplicationPayload;
}

export interface FormField {
  key: string;
  label: string;
  value: string;
}

const beijingDate = (d: Date | null) => (d === null ? '' : d.toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' }));

/** The rows of the form, in print order. What is printed is exactly this list (and its hash). */
export function formFields(d: FormData): FormField[] {
  const p = d.payload;
  const rows: [string, string, string][] = [
    ['number', '申请编号', d.number],
    ['type', '申请类型', applicationTypeLabel[d.type]],
    ['unitName', '机构名称', d.unit.name],
    ['unitType', '机构类型', unitTypeLabel[d.unit.type]],
    ['uscc', '统一社会信用代码', d.unit.uscc],
    ['address', '机构地址', d.unit.address],
    ['functions', '机构职能', d.unit.functions],
    ['domain', '中文域名', d.domainName],
  ];
  if (p.type === 'deregister') {
    rows.push(['reason', '注销原因', p.reason]);
  } else {
    rows.push(
      ['websiteName', '网站名称', p.websiteName],
      ['englishDomain', '英文域名', p.englishDomain ?? '（不填写）'],
      ['ipAddresses', 'IP地址', (p.ipAddresses ?? []).join('、') || '（不填写）'],
      ['hosting', '挂标位置', hostingSentence[p.hosting]],
      ['description', '网站简介', p.description],
    );
  }
  rows.push(
    ['handlerName', '经办人姓名', p.handler.name],
    ['handlerMobile', '经办人手机', p.handler.mobile],
    ['handlerIdNumber', '经办人身份证号', p.handler.idNumber],
    ['submittedAt', '申请日期', beijingDate(d.submittedAt)],
  );
  return rows.map(([key, label, value]) => ({ key, label, value }));
}

/** SHA-256 over the printed rows: paper printed from other content has another hash. */
export function printedContentHash(fields: FormField[]): string {
  return createHash('sha256')
    .update(fields.map((f) => `${f.key}=${f.value}`).join('\n'))
    .digest('hex');
}

/** The code on every page (and in its QR code): application number, revision, content hash. */
export const printCode = (number: string, revision: number, hash: string): string => `ZM1-${number}-R${revision}-${hash.slice(0, 16).toUpperCase()}`;

export function parsePrintCode(input: string): { number: string; revision: number; hash: string } | null {
  const code = input.trim().replace(/^.*[?&]code=/, '');
  let decoded: string;
  try {
    decoded = decodeURIComponent(code);
  } catch {
    return null; // a stray `%` (typed, or a scanner's garbage) is not a code
  }
  const m = /^ZM1-([A-Z0-9]{4,32})-R(\d{1,6})-([0-9A-F]{16})$/i.exec(decoded);
  if (m === null) return null;
  return { number: (m[1] ?? '').toUpperCase(), revision: Number(m[2]), hash: (m[3] ?? '').toUpperCase() };
}
