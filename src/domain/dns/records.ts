/**
 * One 域名解析 record: validation and normalisation of what the 添加解析 form sends. Rules that
 * need the other records of the domain (CNAME beside others, duplicates…) are in rules.ts.
 */
import { InvalidInput } from '../errors.js';
import { validateHost } from './host.js';
import { validateForwardUrl } from './url-target.js';
import { validateAddress, validatePriority, validateTargetHost, validateTtl, validateTxt } from './values.js';
import { isRecordType, type DnsRecordInput, type DnsRecordSpec, type RedirectCode, type ZoneApex } from './types.js';

export * from './types.js';

/**
 * @throws InvalidInput with `field` `type`, `host`, `value`, `ttl`, `priority` or `redirectCode`
 *   and a stable `DNS_*` (or reused `IP_*`) code.
 * `priority` is ignored except for MX, `redirectCode`/`keepPath` except for URL_REDIRECT.
 */
export function validateRecord(input: DnsRecordInput, zoneApex: ZoneApex): DnsRecordSpec {
  const type: unknown = input.type;
  if (!isRecordType(type)) throw new InvalidInput('DNS_TYPE_INVALID', '请选择有效的记录类型', 'type');
  const where = validateHost(typeof input.host === 'string' ? input.host : '', zoneApex, { allowUnderscore: type === 'TXT' });
  const ttl = validateTtl(input.ttl);
  const common = { ...where, ttl };
  const value = typeof input.value === 'string' ? input.value : '';

  switch (type) {
    case 'A':
    case 'AAAA': {
      const address = validateAddress(type, value);
      return { ...common, type, value: address, display: address };
    }
    case 'CNAME': {
      const target = validateTargetHost('CNAME', value);
      if (target.value === where.owner) {
        throw new InvalidInput('DNS_CNAME_SELF', 'CNAME记录不能指向它自己', 'value');
      }
      return { ...common, type, ...target };
    }
    case 'NS': {
      if (where.hostAce === '@') {
        throw new InvalidInput(
          'DNS_NS_AT_APEX',
          '主机记录为 @ 时不能添加NS记录：NS记录只用于把下级域名（例如 sub）委派给其他DNS服务器',
          'host',
        );
      }
      if (where.hostAce.startsWith('*')) {
        throw new InvalidInput('DNS_NS_WILDCARD', '通配符主机记录“*”不能添加NS记录', 'host');
      }
      return { ...common, type, ...validateTargetHost('NS', value) };
    }
    case 'MX': {
      const target = validateTargetHost('MX', value);
      return { ...common, type, ...target, priority: validatePriority(input.priority) };
    }
    case 'TXT': {
      const text = validateTxt(value);
      return { ...common, type, value: text, display: text };
    }
    case 'URL_REDIRECT':
    case 'URL_FRAME':
      return urlRecord(type, input, common, zoneApex);
  }
}

function urlRecord(
  type: 'URL_REDIRECT' | 'URL_FRAME',
  input: DnsRecordInput,
  common: { host: string; hostAce: string; owner: string; ttl: number },
  apex: ZoneApex,
): DnsRecordSpec {
  if (common.hostAce.startsWith('*')) {
    throw new InvalidInput('DNS_URL_WILDCARD', 'URL转发不支持通配符主机记录“*”，请填写具体的主机记录', 'host');
  }
  const target = validateForwardUrl(typeof input.value === 'string' ? input.value : '');
  // On `@` the pair also forwards `www` (url-forward.ts): either would then redirect to itself.
  const selves = common.hostAce === '@' ? [apex.ace, `www.${apex.ace}`] : [common.owner];
  if (selves.includes(target.hostname)) {
    throw new InvalidInput('DNS_URL_LOOP', '目标地址不能是该主机记录自身（会造成无限跳转），请填写新的网站地址', 'value');
  }
  const base = { ...common, value: target.url, display: target.display };
  if (type === 'URL_FRAME') return { ...base, type };
  return { ...base, type, code: redirectCode(input.redirectCode), keepPath: input.keepPath === true };
}

function redirectCode(input: unknown): RedirectCode {
  if (input === undefined || input === null) return 302;
  if (input === 301 || input === 302) return input;
  throw new InvalidInput('DNS_REDIRECT_CODE_INVALID', '显性URL转发的跳转方式只能是 301（永久）或 302（临时）', 'redirectCode');
}
