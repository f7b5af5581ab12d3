/**
 * Every personal field the national seed writes, in one place: the accounts' mobile, email and
 * TOTP secret, and the 经办人's contact inside application payloads (手机, 邮箱, 身份证号).
 *
 * They are sealed as the repositories seal them (SM4, src/db/personal-data: the same purposes,
 * and the mobile's search hash), with the benchmark's keys (`benchKeys`, or PERSONAL_DATA_KEYS
 * when set); bench/scale.ts gives the API the same keys. Sealing is done once a unit, so a
 * unit's applications carry the same ciphertexts.
 */
import { createHash } from 'node:crypto';
import { parseKeyMaterial, type KeyMaterial } from '../../src/crypto/keyring.js';
import { purposes } from '../../src/db/personal-data/fields.js';
import { installPersonalDataKeys, sealValue, searchHashOf } from '../../src/db/personal-data/keys.js';

const benchKey = (label: string) => createHash('sha256').update(`zhengming bench personal-data key: ${label}`).digest('base64');
/** Benchmark-only keys, derived from a label: never use them for real data. */
export const benchKeys: KeyMaterial = { current: 1, keys: { '1': benchKey('1') }, search: benchKey('search') };

/** Installs the keys for this process and returns them as PERSONAL_DATA_KEYS for the API process. */
export function installBenchKeys(): string {
  const text = process.env['PERSONAL_DATA_KEYS'] ?? JSON.stringify(benchKeys);
  installPersonalDataKeys(parseKeyMaterial(text, 'PERSONAL_DATA_KEYS (bench)'));
  return text;
}

/** A personal value as the database stores it. */
export const stored = (purpose: string, clear: string): string => sealValue(purpose, clear);
export const mobileSearchHash = (clear: string): string | null => searchHashOf('mobile', clear);
export { purposes };

const surnames = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const given = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉力云飞鹏宇欣怡晨浩然佳琪梓涵子轩雨萱思远博文嘉懿俊杰晓东海燕志强春梅'];
const idWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const idCheck = '10X98765432';

export interface Contact {
  name: string;
  mobile: string;
  email: string;
  idNumber: string;
}

/** A plausible person for unit `n` in region `regionCode`: a name, a mobile, an email at the
 * unit's domain-like host, and a GB 11643 ID number (valid check digit, born 1965–2000). */
export function contactFor(n: number, regionCode: string): Contact {
  const name = `${surnames[n % surnames.length]}${given[(n * 7) % given.length]}${n % 3 === 0 ? '' : given[(n * 13) % given.length]}`;
  const mobile = `1${[3, 5, 7, 8, 9][n % 5]}${String((n * 7919) % 1_000_000_000).padStart(9, '0')}`;
  const email = `jb${n}@unit${n}.example.cn`;
  const birth = `${1965 + (n % 36)}${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}`;
  const first17 = `${regionCode}${birth}${String(n % 1000).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (idWeights[i] ?? 0);
  return { name, mobile, email, idNumber: `${first17}${idCheck[sum % 11]}` };
}

/** The same contact as it is written to the database. */
export const storedContact = (c: Contact): Contact => ({
  name: c.name,
  mobile: stored(purposes.handlerMobile, c.mobile),
  email: stored(purposes.handlerEmail, c.email),
  idNumber: stored(purposes.handlerIdNumber, c.idNumber),
});
