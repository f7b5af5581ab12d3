/** The vocabulary of the system: code names from GLOSSARY.md, each with the label the UI shows. */

export const unitTypes = ['party_government', 'public_institution'] as const;
export type UnitType = (typeof unitTypes)[number];
export const unitTypeLabel: Record<UnitType, string> = {
  party_government: '党政机关',
  public_institution: '事业单位',
};

export const roles = ['handler', 'office_reviewer', 'center_reviewer', 'admin', 'auditor'] as const;
export type Role = (typeof roles)[number];
export const roleLabel: Record<Role, string> = {
  handler: '经办人',
  office_reviewer: '编办审核员',
  center_reviewer: '中心审核员',
  admin: '系统管理员',
  auditor: '审计管理员',
};

export const hostings = ['red_page', 'self_hosted'] as const;
export type Hosting = (typeof hostings)[number];
export const hostingLabel: Record<Hosting, string> = { red_page: '网络红页', self_hosted: '自建网站' };

export const regionLevels = ['province', 'city', 'county'] as const;
export type RegionLevel = (typeof regionLevels)[number];

export const chineseTlds = ['政务', '公益'] as const;
export type ChineseTld = (typeof chineseTlds)[number];

export const applicationTypes = ['new_site', 're_review', 'change', 'deregister'] as const;
export type ApplicationType = (typeof applicationTypes)[number];
export const applicationTypeLabel: Record<ApplicationType, string> = {
  new_site: '新开办网站申请',
  re_review: '已开办网站资格复核',
  change: '变更',
  deregister: '注销',
};

export const applicationStatuses = [
  'draft',
  'pending_office',
  'pending_center',
  'pending_paper',
  'approved',
  'returned',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

export const websiteStatuses = ['pending', 'active', 'deregistered'] as const;
export type WebsiteStatus = (typeof websiteStatuses)[number];

export const domainStatuses = ['active', 'expired', 'deregistered'] as const;
export type DomainStatus = (typeof domainStatuses)[number];
