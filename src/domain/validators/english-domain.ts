/**
 * English (ASCII, LDH) domain names such as `www.example.gov.cn`. 党政机关 websites are expected
 * under `.gov.cn` (2017 政府网站发展指引); anything else is allowed but flagged with a warning.
 */
import type { UnitType } from '../types.js';
import { invalid, valid, type Validation, type ValidationWarning } from './result.js';

const ldhLabel = /^[a-z0-9-]+$/;
const alphabeticTld = /^[a-z]{2,63}$/;
const aceTld = /^xn--[a-z0-9-]+$/;

function isUnderGovCn(name: string): boolean {
  return name === 'gov.cn' || name.endsWith('.gov.cn');
}

/**
 * Trims, lower-cases and strips one trailing dot; returns the name in that form.
 * Rejects URLs (scheme, path, port, query) with a message asking for the bare domain.
 */
export function validateEnglishDomain(input: string, opts: { unitType?: UnitType } = {}): Validation<string> {
  let name = input.trim().toLowerCase();
  if (name === '') return invalid('EN_DOMAIN_EMPTY', '请填写英文域名');
  if (/[/\\:?#@]/.test(name)) {
    return invalid('EN_DOMAIN_NOT_BARE', '请只填写域名（例如 www.example.gov.cn），不要包含 http://、路径、端口或其他内容');
  }
  if (name.endsWith('.')) name = name.slice(0, -1);
  if (name.length > 253) return invalid('EN_DOMAIN_TOO_LONG', '域名总长度不能超过253个字符');

  const labels = name.split('.');
  for (const label of labels) {
    if (label === '') return invalid('EN_DOMAIN_EMPTY_LABEL', '域名中不能有空的部分（连续的点或以点开头）');
    if (label.length > 63) {
      return invalid('EN_DOMAIN_LABEL_TOO_LONG', `域名中每一级不能超过63个字符（“${label.slice(0, 20)}…”过长）`);
    }
    if (!ldhLabel.test(label)) {
      return invalid(
        'EN_DOMAIN_BAD_CHARACTER',
        '英文域名只能包含英文字母、数字和连字符“-”（中文域名请填写在中文域名一栏）',
      );
    }
    if (label.startsWith('-') || label.endsWith('-')) {
      return invalid('EN_DOMAIN_HYPHEN', '域名中每一级不能以连字符“-”开头或结尾');
    }
  }
  if (labels.length < 2) {
    return invalid('EN_DOMAIN_SINGLE_LABEL', '请填写完整域名，至少包含两级（例如 example.gov.cn）');
  }
  const tld = labels[labels.length - 1] ?? '';
  if (!alphabeticTld.test(tld) && !aceTld.test(tld)) {
    return invalid('EN_DOMAIN_BAD_TLD', `“${tld}”不是有效的顶级域名`);
  }

  const warnings: ValidationWarning[] = [];
  if (opts.unitType === 'party_government' && !isUnderGovCn(name)) {
    warnings.push({ code: 'EN_DOMAIN_NOT_GOV_CN', message: '党政机关网站的英文域名一般应以 .gov.cn 结尾，请确认' });
  }
  if (opts.unitType === 'public_institution' && isUnderGovCn(name)) {
    warnings.push({
      code: 'EN_DOMAIN_GOV_CN_UNUSUAL',
      message: '事业单位仅在承担行政职能时才可使用 .gov.cn 域名，请确认',
    });
  }
  return valid(name, warnings);
}
