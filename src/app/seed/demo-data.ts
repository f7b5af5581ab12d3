import type { Hosting, RegionLevel, UnitType } from '../../domain/types.js';

/** The demo world: 浙江省 with two cities and a county (real GB/T 2260 codes) and six units, so
 * both procedures of the seed document can be tried as they stand. */
export const demoRegions: { code: string; name: string; level: RegionLevel; parentCode: string | null }[] = [
  { code: '330000', name: '浙江省', level: 'province', parentCode: null },
  { code: '330100', name: '杭州市', level: 'city', parentCode: '330000' },
  { code: '330200', name: '宁波市', level: 'city', parentCode: '330000' },
  { code: '330122', name: '桐庐县', level: 'county', parentCode: '330100' },
];

export interface DemoUnit {
  key: string;
  name: string;
  type: UnitType;
  regionCode: string;
  organisationCodeBody: string;
  address: string;
  functions: string;
  leaderName: string;
  phone: string;
  handler: { displayName: string; mobile: string; email: string };
  website: {
    name: string;
    hosting: Hosting;
    englishDomain: string | null;
    ipAddresses: string[];
  };
}

export const demoUnits: DemoUnit[] = [
  {
    key: 'hzczj',
    name: '杭州市财政局',
    type: 'party_government',
    regionCode: '330100',
    organisationCodeBody: '00250311',
    address: '浙江省杭州市上城区解放东路18号',
    functions: '负责全市财政收支、财税政策、财政监督和国有资产管理等工作。',
    leaderName: '王建国',
    phone: '0571-87000001',
    handler: { displayName: '陈静', mobile: '13800000001', email: 'chenjing@hzczj.example.com' },
    website: { name: '杭州市财政局', hosting: 'red_page', englishDomain: null, ipAddresses: [] },
  },
  {
    key: 'hzdyyy',
    name: '杭州市第一人民医院',
    type: 'public_institution',
    regionCode: '330100',
    organisationCodeBody: '47004552',
    address: '浙江省杭州市上城区浣纱路261号',
    functions: '承担医疗、教学、科研、预防保健等公益服务。',
    leaderName: '李明',
    phone: '0571-87000002',
    handler: { displayName: '赵磊', mobile: '13800000002', email: 'zhaolei@hzdyyy.example.com' },
    website: { name: '杭州市第一人民医院', hosting: 'self_hosted', englishDomain: 'www.hz-first-hospital.cn', ipAddresses: ['115.236.10.21'] },
  },
  {
    key: 'nbjyj',
    name: '宁波市教育局',
    type: 'party_government',
    regionCode: '330200',
    organisationCodeBody: '00298813',
    address: '浙江省宁波市鄞州区宁穿路2001号',
    functions: '负责全市教育事业发展规划、教育督导和各级各类学校管理工作。',
    leaderName: '周海',
    phone: '0574-89000003',
    handler: { displayName: '孙丽', mobile: '13800000003', email: 'sunli@nbjyj.example.com' },
    website: { name: '宁波市教育局', hosting: 'self_hosted', englishDomain: 'jyj.ningbo.gov.cn', ipAddresses: ['60.190.80.13'] },
  },
  {
    key: 'nbtsg',
    name: '宁波市图书馆',
    type: 'public_institution',
    regionCode: '330200',
    organisationCodeBody: '41900417',
    address: '浙江省宁波市鄞州区天童南路1188号',
    functions: '收藏文献信息，提供公共阅读、参考咨询和社会教育服务。',
    leaderName: '吴芳',
    phone: '0574-89000004',
    handler: { displayName: '郑伟', mobile: '13800000004', email: 'zhengwei@nbtsg.example.com' },
    website: { name: '宁波市图书馆', hosting: 'red_page', englishDomain: null, ipAddresses: [] },
  },
  {
    key: 'tlzfb',
    name: '桐庐县人民政府办公室',
    type: 'party_government',
    regionCode: '330122',
    organisationCodeBody: '00262735',
    address: '浙江省杭州市桐庐县城南街道迎春南路277号',
    functions: '协助县政府领导处理日常工作，负责政务公开和政府信息化建设。',
    leaderName: '钱勇',
    phone: '0571-64000005',
    handler: { displayName: '冯敏', mobile: '13800000005', email: 'fengmin@tlzfb.example.com' },
    website: { name: '桐庐县人民政府', hosting: 'self_hosted', englishDomain: 'www.tonglu.gov.cn', ipAddresses: ['122.224.87.5'] },
  },
  {
    key: 'zjnky',
    name: '浙江省农业科学院',
    type: 'public_institution',
    regionCode: '330000',
    organisationCodeBody: '47000203',
    address: '浙江省杭州市上城区石桥路198号',
    functions: '开展农业科学研究、技术推广和科技服务。',
    leaderName: '褚国强',
    phone: '0571-86000006',
    handler: { displayName: '卫红', mobile: '13800000006', email: 'weihong@zjnky.example.com' },
    website: { name: '浙江省农业科学院', hosting: 'red_page', englishDomain: null, ipAddresses: [] },
  },
];
