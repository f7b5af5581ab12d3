import type { FormInstance } from 'antd';
import { ApiError, errorMessage } from '../api';
import type { Contact, DeregisterPayload, Hosting, Payload, SitePayload } from './types';

/** The values of the site form (新开办网站申请, 资格复核, 变更), nested as the payload is. */
export interface SiteFormValues {
  type: SitePayload['type'];
  domainId?: string;
  websiteId?: string;
  hosting: Hosting;
  websiteName: string;
  englishDomain?: string;
  ipAddresses?: string[];
  description: string;
  redPage?: { address?: string; functions?: string; phone?: string };
  handler: Contact;
}

export interface DeregisterFormValues {
  reason: string;
  handler: Contact;
}

const trim = (s: string | undefined | null): string => (s ?? '').trim();

const contact = (c: Contact): Contact => ({ name: trim(c.name), mobile: trim(c.mobile), email: trim(c.email), idNumber: trim(c.idNumber).toUpperCase() });

/** 英文域名 and IP地址 only for 自建网站; 机构地址/职能/电话 only for 网络红页 and only all together. */
export function sitePayload(v: SiteFormValues): SitePayload {
  const self = v.hosting === 'self_hosted';
  const rp = { address: trim(v.redPage?.address), functions: trim(v.redPage?.functions), phone: trim(v.redPage?.phone) };
  const common = {
    hosting: v.hosting,
    websiteName: trim(v.websiteName),
    englishDomain: self ? trim(v.englishDomain).toLowerCase() : null,
    ipAddresses: self ? (v.ipAddresses ?? []).map(trim).filter((s) => s !== '') : [],
    description: trim(v.description),
    redPage: !self && rp.address && rp.functions && rp.phone ? rp : null,
    handler: contact(v.handler),
  };
  if (v.type === 'new_site') return { type: 'new_site', domainId: v.domainId ?? '', ...common };
  return { type: v.type, websiteId: v.websiteId ?? '', ...common };
}

export const deregisterPayload = (websiteId: string, v: DeregisterFormValues): DeregisterPayload => ({
  type: 'deregister',
  websiteId,
  reason: trim(v.reason),
  handler: contact(v.handler),
});

/** The form values of a saved payload (修改申请). */
export function siteValues(p: SitePayload): SiteFormValues {
  return {
    type: p.type,
    ...(p.type === 'new_site' ? { domainId: p.domainId } : { websiteId: p.websiteId }),
    hosting: p.hosting,
    websiteName: p.websiteName,
    englishDomain: p.englishDomain ?? '',
    ipAddresses: p.ipAddresses && p.ipAddresses.length > 0 ? p.ipAddresses : [''],
    description: p.description,
    redPage: { address: p.redPage?.address ?? '', functions: p.redPage?.functions ?? '', phone: p.redPage?.phone ?? '' },
    handler: { ...p.handler },
  };
}

export const isSitePayload = (p: Payload): p is SitePayload => p.type !== 'deregister';

/** A dotted server path (`handler.idNumber`, `ipAddresses.1`) as an antd name path. */
export const namePath = (field: string): (string | number)[] =>
  field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));

/** The dotted names of the fields the form shows now. */
export function shownFields(kind: 'site' | 'deregister', v: Partial<SiteFormValues>): Set<string> {
  const handler = ['handler.name', 'handler.mobile', 'handler.email', 'handler.idNumber'];
  if (kind === 'deregister') return new Set(['reason', ...handler]);
  const out = ['type', 'websiteName', 'description', 'hosting', ...handler];
  if (v.type === 'new_site') out.push('domainId');
  if (v.type === 're_review') out.push('websiteId');
  if (v.hosting === 'self_hosted') {
    out.push('englishDomain', 'ipAddresses');
    (v.ipAddresses ?? []).forEach((_, i) => out.push(`ipAddresses.${i}`));
  }
  if (v.hosting === 'red_page') out.push('redPage.address', 'redPage.functions', 'redPage.phone');
  return new Set(out);
}

/**
 * Puts a server error on the field it names (the body nests the form under `payload`, the
 * messages of the form's rules name the field without it); anything else goes to `show`.
 */
export function applyFormError(form: FormInstance, kind: 'site' | 'deregister', err: unknown, show: (text: string) => void): void {
  const text = errorMessage(err);
  if (err instanceof ApiError && err.field) {
    const field = err.field.replace(/^payload\./, '');
    const shown = shownFields(kind, form.getFieldsValue(true) as Partial<SiteFormValues>);
    if (shown.has(field)) {
      const name = namePath(field);
      form.setFields([{ name, errors: [text] }]);
      form.scrollToField(name, { block: 'center' });
      return;
    }
  }
  show(text);
}
