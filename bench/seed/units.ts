/**
 * Units of the national seed, made in Node (names, USCCs with their check characters, Chinese
 * domains in ACE), one a number n = 1…N, each in a region: 5 % provincial, 15 % prefectural, 80 %
 * county units; 55 % 党政机关, 45 % 事业单位. Ids are md5-derived from n (`benchId`), so the
 * set-based SQL of the later tables finds a unit's domain, website and 经办人 from n alone.
 */
import { createHash } from 'node:crypto';
import { domainToASCII } from 'node:url';
import type { UnitType } from '../../src/domain/types.js';
import { organisationCodeCheck, usccCheckCharacter } from '../../src/domain/validators/uscc.js';
import type { BenchRegion } from './regions.js';

/**
 * md5(kind || n) as a version-4-shaped uuid (version nibble 4, variant 8, so the API's uuid
 * validation takes it): the same as `bench_id('<kind>' || n)` in PostgreSQL (`benchIdFunction`).
 */
export const benchId = (kind: string, n: number | string): string => {
  const h = createHash('md5').update(`${kind}${n}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20)}`;
};

/** The seed's SQL twin of `benchId`, created in the benchmark database. */
export const benchIdFunction = `CREATE OR REPLACE FUNCTION bench_id(k text) RETURNS uuid LANGUAGE sql IMMUTABLE AS
  $$ SELECT (substr(md5(k), 1, 12) || '4' || substr(md5(k), 14, 3) || '8' || substr(md5(k), 18))::uuid $$`;

const partyDepartments = ['人民政府办公室', '发展和改革委员会', '教育局', '科学技术局', '工业和信息化局', '公安局', '民政局', '司法局', '财政局', '人力资源和社会保障局', '自然资源局', '生态环境局', '住房和城乡建设局', '交通运输局', '水利局', '农业农村局', '商务局', '文化和旅游局', '卫生健康委员会', '退役军人事务局', '应急管理局', '审计局', '市场监督管理局', '统计局', '医疗保障局', '信访局', '机构编制委员会办公室', '人民法院', '人民检察院', '林业局', '档案局', '数据局'];
const institutionNames = ['第一人民医院', '中医院', '妇幼保健院', '疾病预防控制中心', '图书馆', '档案馆', '博物馆', '文化馆', '第一中学', '第二中学', '实验小学', '职业技术学校', '广播电视台', '气象台', '公共资源交易中心', '住房公积金管理中心', '社会保险事业管理中心', '不动产登记中心', '大数据发展中心', '农业技术推广中心', '水文站', '林业工作站', '园林绿化管理所', '政务服务中心', '融媒体中心', '机关事务服务中心', '人才交流服务中心', '残疾人康复中心', '社会福利院', '青少年宫'];
const townChars = [...'城关新集桥头河口石门白沙高坪大庄龙泉马坊黄土青山长岭柳林花园东湖西岗南塘北镇'];
const townName = (r: number) => `${townChars[r % townChars.length]}${townChars[Math.floor(r / townChars.length) % townChars.length]}${r % 4 === 0 ? '街道' : '镇'}`;

export interface BenchUnit {
  n: number;
  id: string;
  name: string;
  type: UnitType;
  uscc: string;
  region: BenchRegion;
  domainName: string;
  domainAce: string;
}

export function makeUnits(count: number, regions: BenchRegion[]): BenchUnit[] {
  const byLevel = { province: regions.filter((r) => r.level === 'province'), city: regions.filter((r) => r.level === 'city'), county: regions.filter((r) => r.level === 'county') };
  const perRegion = new Map<string, { party: number; institution: number }>();
  const seen = new Set<string>();
  const out: BenchUnit[] = [];
  for (let n = 1; n <= count; n++) {
    const pick = n % 100;
    const pool = pick < 5 ? byLevel.province : pick < 20 ? byLevel.city : byLevel.county;
    // A multiplicative hash spreads any number of units over every province, even a few thousand.
    const region = pool[(Math.imul(n, 2654435761) >>> 0) % pool.length]!;
    const type: UnitType = (n * 31) % 100 < 55 ? 'party_government' : 'public_institution';
    const counter = perRegion.get(region.code) ?? { party: 0, institution: 0 };
    perRegion.set(region.code, counter);
    const k = type === 'party_government' ? counter.party++ : counter.institution++;
    const list = type === 'party_government' ? partyDepartments : institutionNames;
    let dept = list[k % list.length]!;
    if (type === 'party_government' && region.level === 'province') dept = dept.replace(/局$/, '厅');
    const round = Math.floor(k / list.length);
    let name = round === 0 ? `${region.name}${dept}` : `${region.name}${townName(round - 1)}${type === 'party_government' && k % list.length === 0 ? '人民政府' : dept}`;
    const tld = type === 'party_government' ? '政务' : '公益';
    let domainName = `${name}.${tld}`;
    while (seen.has(domainName)) {
      name = `${name}（${n}）`;
      domainName = `${name.replace(/[（）]/g, '')}.${tld}`;
    }
    seen.add(domainName);
    const body = String(n).padStart(8, '0');
    const first17 = `1${type === 'party_government' ? '1' : '2'}${region.code}${body}${organisationCodeCheck(body)}`;
    out.push({ n, id: benchId('u', n), name, type, uscc: first17 + usccCheckCharacter(first17), region, domainName, domainAce: domainToASCII(domainName) });
  }
  return out;
}
