/**
 * RDAP responses (RFC 9083) built from the registration records. Pure: the plugin passes the
 * base URL, the request URL and the time. Every response is a top-level object carrying
 * `rdapConformance` and the terms notice; every object carries `objectClassName`; every link
 * carries `value`, `rel` and `href` (RFC 9083 §4.2).
 */
import { domainToUnicode } from 'node:url';
import type { DomainRecord, RegistrantRecord } from '../domain/registration-data/record.js';
import { rdapStatus } from '../domain/registration-data/record.js';
import { unitTypeLabel } from '../domain/types.js';

export const rdapMediaType = 'application/rdap+json';
export const rdapConformance = ['rdap_level_0'] as const;

export interface RdapContext {
  /** The RDAP base URL, without trailing slash, e.g. `https://rdap.example/rdap`. */
  base: string;
  /** The URL the client asked for: the `value` (context) of the links. */
  requestUrl: string;
  now: Date;
}

export interface RdapLink {
  value: string;
  rel: string;
  href: string;
  type: string;
  title?: string;
}

type Json = Record<string, unknown>;

const link = (c: RdapContext, rel: string, href: string, title?: string): RdapLink => ({
  value: c.requestUrl,
  rel,
  href,
  type: rdapMediaType,
  ...(title === undefined ? {} : { title }),
});

const termsNotice = (c: RdapContext) => ({
  title: '使用条款 Terms of Use',
  description: [
    '本服务公开 .政务 和 .公益 域名的注册信息，供查询核对之用；不公开经办人等个人信息。',
    'Registration data of .政务 and .公益 domains, published for lookup. No personal data of the units’ operators is published.',
  ],
  links: [link(c, 'help', `${c.base}/help`, 'RDAP 查询帮助 help')],
});

/** What every top-level response starts with. */
const top = (c: RdapContext): Json => ({ rdapConformance: [...rdapConformance], notices: [termsNotice(c)] });

const iso = (d: Date) => d.toISOString();
const isIdn = (name: string) => name.split('.').some((l) => l.startsWith('xn--'));

/** The registrant as a jCard (RFC 7095): the organisation's name, type and address, nothing personal. */
export function registrantEntity(r: RegistrantRecord, c: RdapContext): Json {
  const [province = '', ...below] = r.regions;
  return {
    objectClassName: 'entity',
    handle: r.handle,
    roles: ['registrant'],
    vcardArray: [
      'vcard',
      [
        ['version', {}, 'text', '4.0'],
        ['kind', {}, 'text', 'org'],
        ['fn', {}, 'text', r.name],
        ['org', {}, 'text', r.name],
        // adr: post office box, extended address, street, locality, region, postal code, country.
        ['adr', {}, 'text', ['', '', r.address, below.join(''), province, '', '中国']],
      ],
    ],
    publicIds: [{ type: '统一社会信用代码 (USCC)', identifier: r.handle }],
    remarks: [{ title: '机构类型 Organisation type', description: [unitTypeLabel[r.type]] }],
    links: [link(c, 'self', `${c.base}/entity/${encodeURIComponent(r.handle)}`)],
  };
}

const nameserver = (name: string): Json => ({
  objectClassName: 'nameserver',
  ldhName: name,
  ...(isIdn(name) ? { unicodeName: domainToUnicode(name) } : {}),
});

export function domainResponse(d: DomainRecord, c: RdapContext): Json {
  const remarks: Json[] = [];
  if (d.status !== 'active') {
    remarks.push({
      title: '状态说明 Status',
      description: [d.status === 'expired' ? '该域名已过期，不再解析。 The domain has expired and is not in the zone.' : '该域名已注销，不再解析。 The domain has been deregistered and is not in the zone.'],
    });
  }
  return {
    ...top(c),
    objectClassName: 'domain',
    handle: d.handle,
    ldhName: d.ace,
    unicodeName: d.unicode,
    status: rdapStatus[d.status],
    events: [
      { eventAction: 'registration', eventDate: iso(d.registeredAt) },
      { eventAction: 'expiration', eventDate: iso(d.expiresAt) },
      { eventAction: 'last changed', eventDate: iso(d.lastChangedAt) },
      { eventAction: 'last update of RDAP database', eventDate: iso(c.now) },
    ],
    entities: [registrantEntity(d.registrant, c)],
    nameservers: d.nameservers.map(nameserver),
    secureDNS: { delegationSigned: false },
    links: [link(c, 'self', `${c.base}/domain/${d.ace}`)],
    ...(remarks.length === 0 ? {} : { remarks }),
  };
}

export function entityResponse(r: RegistrantRecord, c: RdapContext): Json {
  return { ...top(c), ...registrantEntity(r, c), events: [{ eventAction: 'last update of RDAP database', eventDate: iso(c.now) }] };
}

export function helpResponse(c: RdapContext): Json {
  const t = top(c);
  return {
    ...t,
    notices: [
      {
        title: 'RDAP 查询帮助 Help',
        description: [
          `域名 domain: ${c.base}/domain/<名称.政务 | 名称.公益 | ACE>`,
          `注册单位 entity: ${c.base}/entity/<统一社会信用代码 USCC>`,
          '域名可用中文或 ACE（xn--）形式，不区分大小写。 Names may be Unicode or ACE, in any case.',
          '不支持搜索、nameserver、ip 和 autnum 查询（501）。 Searches, nameserver, ip and autnum queries are not implemented (501).',
        ],
        links: [link(c, 'self', `${c.base}/help`)],
      },
      ...(t.notices as Json[]),
    ],
  };
}

export const rdapErrorTitles: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
};

/** An error body (RFC 9083 §6): errorCode, title, description — plus conformance and terms. */
export function errorResponse(status: number, description: string[], c: RdapContext): Json {
  return { ...top(c), errorCode: status, title: rdapErrorTitles[status] ?? 'Error', description };
}
