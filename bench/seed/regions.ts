/**
 * The national region tree for the scale benchmark: the 31 provincial divisions with their real
 * GB/T 2260 codes and names, and under each 11 prefectures and 8 counties per prefecture with
 * codes in the GB/T 2260 pattern (pp cc 00, pp cc dd) and generated names that are unique
 * nationally (so unit names and their Chinese domains are too). ≈ 3,100 regions, close to the
 * real count (31 + 333 + 2,844).
 */
import type { RegionLevel } from '../../src/domain/types.js';

export interface BenchRegion {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  path: string;
}

const provinces: [string, string, string][] = [
  ['11', '北京市', '东城区'], ['12', '天津市', '和平区'], ['13', '河北省', '石家庄市'], ['14', '山西省', '太原市'],
  ['15', '内蒙古自治区', '呼和浩特市'], ['21', '辽宁省', '沈阳市'], ['22', '吉林省', '长春市'], ['23', '黑龙江省', '哈尔滨市'],
  ['31', '上海市', '黄浦区'], ['32', '江苏省', '南京市'], ['33', '浙江省', '杭州市'], ['34', '安徽省', '合肥市'],
  ['35', '福建省', '福州市'], ['36', '江西省', '南昌市'], ['37', '山东省', '济南市'], ['41', '河南省', '郑州市'],
  ['42', '湖北省', '武汉市'], ['43', '湖南省', '长沙市'], ['44', '广东省', '广州市'], ['45', '广西壮族自治区', '南宁市'],
  ['46', '海南省', '海口市'], ['50', '重庆市', '万州区'], ['51', '四川省', '成都市'], ['52', '贵州省', '贵阳市'],
  ['53', '云南省', '昆明市'], ['54', '西藏自治区', '拉萨市'], ['61', '陕西省', '西安市'], ['62', '甘肃省', '兰州市'],
  ['63', '青海省', '西宁市'], ['64', '宁夏回族自治区', '银川市'], ['65', '新疆维吾尔自治区', '乌鲁木齐市'],
];

/** Characters of place names; a pair picked by a region's national index names it. */
const placeChars = [...'安平清河东阳山江宁兴德华永昌泰和新丰海城林溪桥源远定化武长广顺乐嘉福寿瑞祥云龙凤鹤松柏兰桂青白金石沙湖泉峰岭川原台营'];
const P = placeChars.length;
const placeName = (i: number) => `${placeChars[i % P]}${placeChars[Math.floor(i / P) % P]}`;

export const citiesPerProvince = 11;
export const countiesPerCity = 8;

export function nationalRegions(): BenchRegion[] {
  const out: BenchRegion[] = [];
  let cityIndex = 0;
  let countyIndex = P * 7; // another part of the pair space than the cities'
  for (const [pp, name, capital] of provinces) {
    const province = `${pp}0000`;
    out.push({ code: province, name, level: 'province', parentCode: null, path: province });
    const municipality = name.endsWith('市');
    for (let c = 1; c <= citiesPerProvince; c++) {
      const code = `${pp}${String(c).padStart(2, '0')}00`;
      const cityName = c === 1 ? capital : `${placeName(cityIndex++)}${municipality ? '区' : '市'}`;
      out.push({ code, name: cityName, level: 'city', parentCode: province, path: `${province}/${code}` });
      for (let d = 1; d <= countiesPerCity; d++) {
        const county = `${pp}${String(c).padStart(2, '0')}${String(d).padStart(2, '0')}`;
        out.push({ code: county, name: `${placeName(countyIndex++)}${d <= 2 ? '区' : '县'}`, level: 'county', parentCode: code, path: `${province}/${code}/${county}` });
      }
    }
  }
  return out;
}
