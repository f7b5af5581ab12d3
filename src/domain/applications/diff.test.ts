import { describe, expect, it } from 'vitest';
import { diffPayloads } from './diff.js';

const labels = {
  siteName: '网站名称',
  hosting: '挂标位置',
  englishDomain: '英文域名',
  ipAddresses: 'IP地址',
  'handler.name': '经办人姓名',
  'handler.mobile': '经办人手机',
};

const before = {
  siteName: '杭州市人民政府',
  hosting: 'red_page',
  ipAddresses: [] as string[],
  handler: { name: '张三', mobile: '13800000000' },
};

describe('diffPayloads', () => {
  it('lists nothing when the payloads are equal', () => {
    expect(diffPayloads(before, structuredClone(before), labels)).toEqual([]);
  });

  it('lists a changed nested field by its dotted path and label', () => {
    const after = { ...before, handler: { name: '张三', mobile: '13900000000' } };
    expect(diffPayloads(before, after, labels)).toEqual([
      { field: 'handler.mobile', label: '经办人手机', before: '13800000000', after: '13900000000' },
    ]);
  });

  it('lists added, removed and changed fields in the order of the labels', () => {
    const after = {
      handler: { name: '李四', mobile: '13800000000' },
      englishDomain: 'www.hangzhou.gov.cn',
      ipAddresses: ['203.0.113.10'],
      hosting: 'self_hosted',
    };
    expect(diffPayloads(before, after, labels)).toEqual([
      { field: 'siteName', label: '网站名称', before: '杭州市人民政府', after: undefined },
      { field: 'hosting', label: '挂标位置', before: 'red_page', after: 'self_hosted' },
      { field: 'englishDomain', label: '英文域名', before: undefined, after: 'www.hangzhou.gov.cn' },
      { field: 'ipAddresses', label: 'IP地址', before: [], after: ['203.0.113.10'] },
      { field: 'handler.name', label: '经办人姓名', before: '张三', after: '李四' },
    ]);
  });

  it('puts unlabelled fields after the labelled ones, alphabetically, labelled by their path', () => {
    const after = { ...before, zeta: 1, alpha: { beta: true }, siteName: '杭州市政府' };
    expect(diffPayloads(before, after, labels).map((c) => [c.field, c.label])).toEqual([
      ['siteName', '网站名称'],
      ['alpha.beta', 'alpha.beta'],
      ['zeta', 'zeta'],
    ]);
  });

  it('compares arrays by value, including objects with keys in another order', () => {
    const records = [{ host: '@', type: 'URL', target: 'www.a.gov.cn' }];
    const a = { records };
    const same = { records: [{ target: 'www.a.gov.cn', type: 'URL', host: '@' }] };
    const reordered = { records: [...records, { host: 'www', type: 'URL', target: 'www.a.gov.cn' }].reverse() };
    expect(diffPayloads(a, same, {})).toEqual([]);
    expect(diffPayloads(a, reordered, {})).toHaveLength(1);
    expect(diffPayloads({ ips: ['1.1.1.1', '2.2.2.2'] }, { ips: ['2.2.2.2', '1.1.1.1'] }, {})).toHaveLength(1);
  });

  it('treats every field of a first revision as added', () => {
    expect(diffPayloads(null, { siteName: '杭州市人民政府', handler: { mobile: '1' } }, labels)).toEqual([
      { field: 'siteName', label: '网站名称', before: undefined, after: '杭州市人民政府' },
      { field: 'handler.mobile', label: '经办人手机', before: undefined, after: '1' },
    ]);
  });

  it('treats an undefined value as absent but null as a value', () => {
    expect(diffPayloads({ a: 1, b: undefined }, { a: 1 }, {})).toEqual([]);
    expect(diffPayloads({ a: 1 }, { a: 1, b: null }, {})).toEqual([
      { field: 'b', label: 'b', before: undefined, after: null },
    ]);
  });

  it('tells a nested object replaced by null apart from its fields', () => {
    expect(diffPayloads({ handler: { mobile: '1' } }, { handler: null }, {})).toEqual([
      { field: 'handler', label: 'handler', before: undefined, after: null },
      { field: 'handler.mobile', label: 'handler.mobile', before: '1', after: undefined },
    ]);
  });

  it('distinguishes 0 from "0" and false from null', () => {
    expect(diffPayloads({ a: 0, b: false }, { a: '0', b: null }, {})).toHaveLength(2);
  });
});
