/**
 * Chinese domain names under .政务 and .公益: exactly `名称.政务` or `名称.公益`.
 * UTS-46 mapping and the ACE form come from node:url; Node does not enforce the 63-octet label
 * limit nor reject `_` or a leading `-`, so those rules are checked here (reference §3.2).
 */
import { domainToASCII, domainToUnicode } from 'node:url';
import { chineseTlds, type ChineseTld, type UnitType } from '../types.js';
import { invalid, valid, type Validation, type ValidationWarning } from './result.js';

export const chineseTldAce: Record<ChineseTld, string> = { 政务: 'xn--zfr164b', 公益: 'xn--55qw42g' };

export interface ChineseDomain {
  /** Display form, e.g. `国务院.政务`. */
  unicode: string;
  /** ASCII-compatible form, e.g. `xn--zfr54hdx6e.xn--zfr164b`. */
  ace: string;
  tld: ChineseTld;
  /** The registered name without the TLD, e.g. `国务院`. */
  label: string;
}

/** Full stops that Chinese input methods produce instead of `.`. */
const separators = /[。．｡]/g;
/** Letters, digits, hyphen, CJK Unified Ideographs and Extension A (after UTS-46 lower-casing). */
const labelCharacters = /^[a-z0-9\-\u3400-\u4dbf\u4e00-\u9fff]+$/;

function isChineseTld(s: string): s is ChineseTld {
  return (chineseTlds as readonly string[]).includes(s);
}

/** ACE form of a name (separators `。．｡` accepted), or null when UTS-46 processing fails. */
export function toAce(unicodeName: string): string | null {
  const ace = domainToASCII(unicodeName.trim().replace(separators, '.'));
  return ace === '' ? null : ace;
}

/** Unicode display form of an ACE (or mixed) name, or null when it cannot be decoded. */
export function toUnicode(ace: string): string | null {
  const unicode = domainToUnicode(ace.trim());
  return unicode === '' ? null : unicode;
}

/** Validates `名称.政务` / `名称.公益`. `unitType` only adds warnings. */
export function validateChineseDomain(input: string, unitType?: UnitType): Validation<ChineseDomain> {
  let name = input.trim().replace(separators, '.');
  if (name === '') return invalid('CN_DOMAIN_EMPTY', '请填写中文域名');
  if (/[/\\:?#@]/.test(name)) {
    return invalid('CN_DOMAIN_NOT_BARE', '请只填写域名（例如 国务院.政务），不要包含 http://、路径或端口');
  }
  if (name.endsWith('.')) name = name.slice(0, -1);
  if (name.length > 253) return invalid('CN_DOMAIN_TOO_LONG', '域名总长度超过253个字符的上限');
  const emptyLabel = invalid<ChineseDomain>('CN_DOMAIN_EMPTY_LABEL', '域名中不能有空的部分（连续的点或以点开头）');
  if (name.split('.').includes('')) return emptyLabel;

  const ace = domainToASCII(name);
  if (ace === '') return invalid('CN_DOMAIN_BAD_CHARACTER', '域名包含不允许的字符或无效的编码');
  if (ace.length > 253) return invalid('CN_DOMAIN_TOO_LONG', '域名编码后总长度超过253个字符的上限');
  const aceLabels = ace.split('.');
  if (aceLabels.includes('')) return emptyLabel;
  const unicode = domainToUnicode(ace);
  const labels = unicode.split('.');

  if (labels.length === 1) {
    return invalid('CN_DOMAIN_NO_TLD', '请填写完整的中文域名，包括“.政务”或“.公益”，例如 国务院.政务');
  }
  const tld = labels[labels.length - 1] ?? '';
  if (!isChineseTld(tld)) {
    return invalid('CN_DOMAIN_BAD_TLD', `顶级域只能是“政务”或“公益”，不能是“${tld}”`);
  }
  if (labels.length > 2) {
    return invalid('CN_DOMAIN_TOO_MANY_LABELS', '只能注册“名称.政务”或“名称.公益”形式的域名，不能包含下级名称');
  }

  const label = labels[0] ?? '';
  if (!labelCharacters.test(label)) {
    return invalid('CN_DOMAIN_BAD_CHARACTER', '域名只能包含汉字、英文字母、数字和连字符“-”');
  }
  if (label.startsWith('-') || label.endsWith('-')) {
    return invalid('CN_DOMAIN_HYPHEN', '域名不能以连字符“-”开头或结尾');
  }
  if (label.slice(2, 4) === '--') {
    return invalid('CN_DOMAIN_HYPHEN', '域名的第3、4个字符不能同时为连字符“-”');
  }
  const aceLabel = aceLabels[0] ?? '';
  if (aceLabel.length > 63) {
    return invalid('CN_DOMAIN_LABEL_TOO_LONG', '域名过长：编码后超过63个字符的上限（约20个汉字），请使用规范简称');
  }

  const warnings: ValidationWarning[] = [];
  if (unitType === 'public_institution' && tld === '政务') {
    warnings.push({ code: 'CN_DOMAIN_TLD_UNUSUAL', message: '事业单位一般使用“.公益”，仅承担行政职能的事业单位可使用“.政务”，请确认' });
  }
  if (unitType === 'party_government' && tld === '公益') {
    warnings.push({ code: 'CN_DOMAIN_TLD_UNUSUAL', message: '党政机关一般应使用“.政务”，请确认' });
  }
  return valid({ unicode, ace, tld, label }, warnings);
}
