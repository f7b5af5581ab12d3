/** 域名解析: what `GET /api/domains/:id/records` returns and what the form sends. */

export type RecordType = 'A' | 'AAAA' | 'CNAME' | 'MX' | 'TXT' | 'NS' | 'URL_REDIRECT' | 'URL_FRAME';

export interface DnsRecord {
  id: string;
  host: string;
  type: RecordType;
  typeLabel: string;
  value: string;
  ttl: number;
  priority: number | null;
  redirectCode: 301 | 302 | null;
  keepPath: boolean | null;
  generated: boolean;
  generatedLabel: string | null;
  partnerId: string | null;
}

export interface DnsProposal {
  id: string;
  applicationId: string;
  proposal: { to?: string; add?: { host: string; type: string; target?: string }[] } & Record<string, unknown>;
  createdAt: string;
}

export interface DnsView {
  domain: { id: string; name: string; ace: string };
  records: DnsRecord[];
  proposals: DnsProposal[];
  allowedActions: string[];
}

export interface RecordBody {
  host: string;
  type: RecordType;
  value: string;
  ttl?: number;
  priority?: number;
  redirectCode?: 301 | 302;
  keepPath?: boolean;
}

export interface ZoneChange {
  serial: number;
  zone: string;
  at: string;
  change: { domain?: string; removed: unknown[]; added: unknown[] };
}

/** The 记录类型 list: URL转发 is one choice, with 显性 (URL_REDIRECT) or 隐性 (URL_FRAME). */
export type FormType = 'A' | 'AAAA' | 'CNAME' | 'MX' | 'TXT' | 'NS' | 'URL';

export const typeOptions: { value: FormType; label: string }[] = [
  { value: 'A', label: 'A' },
  { value: 'AAAA', label: 'AAAA' },
  { value: 'CNAME', label: 'CNAME' },
  { value: 'MX', label: 'MX' },
  { value: 'TXT', label: 'TXT' },
  { value: 'NS', label: 'NS' },
  { value: 'URL', label: 'URL转发' },
];

export const valuePlaceholder: Record<FormType, string> = {
  A: 'IPv4地址，例如 1.2.3.4',
  AAAA: 'IPv6地址，例如 2001:db8::1',
  CNAME: '域名，例如 www.example.gov.cn',
  MX: '邮件服务器域名，例如 mail.example.gov.cn',
  TXT: '文本内容',
  NS: 'DNS服务器域名，例如 ns1.example.gov.cn',
  URL: 'http(s)://…',
};

export const isUrl = (t: RecordType) => t === 'URL_REDIRECT' || t === 'URL_FRAME';

export const recordsPath = (domainId: string) => `/api/domains/${encodeURIComponent(domainId)}`;
