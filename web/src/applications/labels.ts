import type { ApplicationStatus, Hosting, Step, UnitType } from './types';

/** The form's fields as the server names them (payloadFieldLabels), in the form's order. */
export const fieldLabels: Record<string, string> = {
  type: '申请类型',
  domainId: '中文域名',
  websiteId: '网站',
  hosting: '挂标位置',
  websiteName: '网站名称',
  englishDomain: '英文域名',
  ipAddresses: 'IP地址',
  description: '网站简介',
  'redPage.address': '机构地址',
  'redPage.functions': '机构职能',
  'redPage.phone': '联系电话',
  reason: '注销原因',
  'handler.name': '经办人姓名',
  'handler.mobile': '经办人手机',
  'handler.email': '经办人邮箱',
  'handler.idNumber': '经办人身份证号',
};

export const hostingLabel: Record<Hosting, string> = { red_page: '网络红页', self_hosted: '自建网站' };

/** The procedure's sentence for each 挂标位置. */
export const hostingSentence: Record<Hosting, string> = {
  red_page: '我单位准备将网站标识挂在网络红页上',
  self_hosted: '我单位准备将网站标识挂在自建网站上',
};

export const statusColor: Record<ApplicationStatus, string> = {
  draft: 'default',
  pending_office: 'processing',
  pending_center: 'processing',
  pending_paper: 'gold',
  approved: 'success',
  returned: 'error',
  withdrawn: 'default',
};

export const statusLabel: Record<ApplicationStatus, string> = {
  draft: '草稿',
  pending_office: '待编办审核',
  pending_center: '待中心审核',
  pending_paper: '待确认纸质材料',
  approved: '已通过',
  returned: '已退回',
  withdrawn: '已撤回',
};

export const stepLabel: Record<Step, string> = { office: '编办审核', center: '中心审核', paper: '纸质材料确认' };

export const unitTypeLabel: Record<UnitType, string> = { party_government: '党政机关', public_institution: '事业单位' };

export const typeOptions = [
  { value: 'new_site', label: '新开办网站申请' },
  { value: 're_review', label: '已开办网站资格复核' },
  { value: 'change', label: '变更' },
  { value: 'deregister', label: '注销' },
] as const;

/** The 网站简介 template of the procedure, 某某单位 replaced by the unit's name. */
export const descriptionTemplate = (unitName: string): string =>
  `本网站由${unitName}主办，旨在介绍我单位职能、职责、人员编制，面向社会公开工作动态，促进我单位电子政务和信息化建设。`;

export const websiteNameHint = '“网站名称”指打开浏览器网页标签处的名称，一般为单位名称，但此处填写一定要与网站首页标签显示的内容保持一致';

/** A payload value as text for the read-only views. */
export function showValue(field: string, v: unknown): string {
  if (v === undefined || v === null || v === '') return '—';
  if (Array.isArray(v)) return v.length ? v.map(String).join('，') : '—';
  if (field === 'hosting' && (v === 'red_page' || v === 'self_hosted')) return hostingLabel[v];
  if (field === 'type') return typeOptions.find((o) => o.value === v)?.label ?? String(v);
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
