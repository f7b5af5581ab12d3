import { z } from 'zod';
import { InvalidInput } from '../errors.js';
import { hostings, type Hosting, type UnitType } from '../types.js';
import {
  validateEmail,
  validateEnglishDomain,
  validateIdNumber,
  validateMobile,
  validatePublicIp,
  type Validation,
  type ValidationWarning,
} from '../validators/index.js';
import { canonicalAddress } from '../sitecheck/address.js';

/**
 * The forms of the four application types. The zod schemas fix the shape (every string bounded);
 * `normalisePayload` then applies the rules that need the validators and the hosting choice.
 */
const Contact = z.strictObject({
  name: z.string().trim().min(1).max(32),
  mobile: z.string().trim().min(1).max(20),
  email: z.string().trim().min(1).max(254),
  idNumber: z.string().trim().min(1).max(18),
});

const RedPage = z.strictObject({
  address: z.string().trim().min(1).max(256),
  functions: z.string().trim().min(1).max(1000),
  phone: z.string().trim().min(1).max(32),
});

const siteFields = {
  hosting: z.enum(hostings),
  websiteName: z.string().trim().min(1).max(64),
  englishDomain: z.string().trim().max(253).nullable().optional(),
  ipAddresses: z.array(z.string().trim().max(45)).max(4).optional(),
  description: z.string().trim().min(1).max(500),
  redPage: RedPage.nullable().optional(),
  handler: Contact,
};

export const NewSitePayload = z.strictObject({ type: z.literal('new_site'), domainId: z.uuid(), ...siteFields });
export const ReReviewPayload = z.strictObject({ type: z.literal('re_review'), websiteId: z.uuid(), ...siteFields });
export const ChangePayload = z.strictObject({ type: z.literal('change'), websiteId: z.uuid(), ...siteFields });
export const DeregisterPayload = z.strictObject({
  type: z.literal('deregister'),
  websiteId: z.uuid(),
  reason: z.string().trim().min(1).max(500),
  handler: Contact,
});
export const ApplicationPayload = z.discriminatedUnion('type', [NewSitePayload, ReReviewPayload, ChangePayload, DeregisterPayload]);
export type ApplicationPayload = z.infer<typeof ApplicationPayload>;
export type SitePayload = Exclude<ApplicationPayload, { type: 'deregister' }>;

/** Chinese labels of the form's fields, in the order the form shows them (also the diff's order). */
export const payloadFieldLabels: Record<string, string> = {
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

function check<T>(v: Validation<T>, field: string, warnings: ValidationWarning[]): T {
  if (!v.ok) throw new InvalidInput(v.code, `${payloadFieldLabels[field] ?? field}：${v.message}`, field);
  warnings.push(...v.warnings);
  return v.value;
}

function normaliseContact(c: z.infer<typeof Contact>, warnings: ValidationWarning[]) {
  return {
    name: c.name,
    mobile: check(validateMobile(c.mobile), 'handler.mobile', warnings),
    email: check(validateEmail(c.email), 'handler.email', warnings),
    idNumber: check(validateIdNumber(c.idNumber), 'handler.idNumber', warnings),
  };
}

const looksLikeUrl = /(https?:\/\/|www\.)/i;

/** What the deployment adds to the form's rules; the default is none. */
export interface FormRuleOptions {
  /**
   * Non-public addresses accepted as a website's IP地址 all the same: the site checker's allow-list
   * (SITECHECK_ALLOW_ADDRESSES, for tests and closed networks; empty in production), so that a site
   * the checker may reach can also be declared and pass the check at submission. Each such address
   * leaves a warning on the revision, which reviewers see.
   */
  allowedAddresses?: { has(address: string): boolean };
}

/** A website's IP地址: public, or explicitly allowed by the deployment (with a warning). */
function siteIp(ip: string, i: number, options: FormRuleOptions, warnings: ValidationWarning[]): string {
  const v = validatePublicIp(ip);
  if (v.ok) {
    warnings.push(...v.warnings);
    return v.value.address;
  }
  const address = canonicalAddress(ip);
  if (address !== null && options.allowedAddresses?.has(address) === true) {
    warnings.push({
      code: 'IP_ALLOW_LISTED',
      message: `${v.message.replace(/^IP地址/, `IP地址 ${address} `)}，仅因在本系统的网站核验允许地址（SITECHECK_ALLOW_ADDRESSES）中而接受`,
    });
    return address;
  }
  throw new InvalidInput(v.code, `IP地址：${v.message}`, `ipAddresses.${i}`);
}

/** The 挂标位置 rules: 自建网站 needs an English domain and at least one IP; 网络红页 takes neither. */
function normaliseHosting(p: SitePayload, unitType: UnitType, warnings: ValidationWarning[], options: FormRuleOptions) {
  const ips = (p.ipAddresses ?? []).filter((ip) => ip !== '');
  const english = p.englishDomain === undefined || p.englishDomain === null || p.englishDomain === '' ? null : p.englishDomain;
  if (p.hosting === 'red_page') {
    if (english !== null) throw new InvalidInput('RED_PAGE_NO_ENGLISH_DOMAIN', '网络红页不填写英文域名', 'englishDomain');
    if (ips.length > 0) throw new InvalidInput('RED_PAGE_NO_IP', '网络红页不填写IP地址', 'ipAddresses');
    return { englishDomain: null, ipAddresses: [] as string[] };
  }
  if (english === null) throw new InvalidInput('ENGLISH_DOMAIN_REQUIRED', '自建网站必须填写英文域名', 'englishDomain');
  if (ips.length === 0) throw new InvalidInput('IP_REQUIRED', '自建网站必须填写IP地址', 'ipAddresses');
  const englishDomain = check(validateEnglishDomain(english, { unitType }), 'englishDomain', warnings);
  const ipAddresses = ips.map((ip, i) => siteIp(ip, i, options, warnings));
  if (new Set(ipAddresses).size !== ipAddresses.length) throw new InvalidInput('IP_DUPLICATE', 'IP地址重复', 'ipAddresses');
  return { englishDomain, ipAddresses };
}

/**
 * Applies the rules of the form and returns the normalised payload with non-blocking warnings.
 * @throws InvalidInput naming the field (`englishDomain`, `ipAddresses.1`, `handler.idNumber`…)
 */
export function normalisePayload(
  p: ApplicationPayload,
  unitType: UnitType,
  options: FormRuleOptions = {},
): { payload: ApplicationPayload; warnings: ValidationWarning[] } {
  const warnings: ValidationWarning[] = [];
  const handler = normaliseContact(p.handler, warnings);
  if (p.type === 'deregister') return { payload: { ...p, handler }, warnings };
  if (p.type === 're_review' && unitType !== 'party_government') {
    throw new InvalidInput('RE_REVIEW_PARTY_ONLY', '已开办网站资格复核仅适用于党政机关', 'type');
  }
  if (looksLikeUrl.test(p.websiteName)) {
    throw new InvalidInput('WEBSITE_NAME_IS_URL', '网站名称应填写网页标签显示的名称，不是网址', 'websiteName');
  }
  const hosting = normaliseHosting(p, unitType, warnings, options);
  const redPage = p.hosting === 'red_page' ? (p.redPage ?? null) : null;
  return { payload: { ...p, ...hosting, redPage, handler }, warnings };
}

export const hostingSentence: Record<Hosting, string> = {
  red_page: '我单位准备将网站标识挂在网络红页上',
  self_hosted: '我单位准备将网站标识挂在自建网站上',
};
