import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { aliyunSignature, aliyunStringToSign, aliyunTimestamp, canonicalQuery, percentEncode, signedQuery } from './aliyun-sign.js';

describe('percentEncode (Aliyun RPC rules)', () => {
  it('encodes space as %20, * as %2A, keeps ~ and the other unreserved characters', () => {
    expect(percentEncode('a b')).toBe('a%20b');
    expect(percentEncode('*')).toBe('%2A');
    expect(percentEncode('AZaz09-_.~')).toBe('AZaz09-_.~');
    expect(percentEncode("/=&+!'()")).toBe('%2F%3D%26%2B%21%27%28%29');
    expect(percentEncode('2016-02-23T12:46:24Z')).toBe('2016-02-23T12%3A46%3A24Z');
    expect(percentEncode('派')).toBe('%E6%B4%BE');
    expect(percentEncode('😀')).toBe('%F0%9F%98%80');
  });

  it('only ever produces unreserved characters and %XX, and decodes back to the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const e = percentEncode(s);
        expect(e).toMatch(/^(?:[A-Za-z0-9\-_.~]|%[0-9A-F]{2})*$/);
        expect(decodeURIComponent(e)).toBe(s);
      }),
    );
  });
});

describe('Aliyun RPC signature', () => {
  // The worked example of Aliyun's SMS documentation ("HTTP 协议及签名"): AccessKeySecret testSecret.
  const smsDocParams = {
    AccessKeyId: 'testId',
    Action: 'SendSms',
    Format: 'XML',
    OutId: '123',
    PhoneNumbers: '15300000001',
    RegionId: 'cn-hangzhou',
    SignName: '阿里云短信测试专用',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
    SignatureVersion: '1.0',
    TemplateCode: 'SMS_71390007',
    TemplateParam: '{"customer":"test"}',
    Timestamp: '2017-07-12T02:42:19Z',
    Version: '2017-05-25',
  };

  it('reproduces the string to sign and the signature of the SMS documentation example', () => {
    expect(aliyunStringToSign('GET', smsDocParams)).toBe(
      'GET&%2F&AccessKeyId%3DtestId%26Action%3DSendSms%26Format%3DXML%26OutId%3D123%26PhoneNumbers%3D15300000001' +
        '%26RegionId%3Dcn-hangzhou%26SignName%3D%25E9%2598%25BF%25E9%2587%258C%25E4%25BA%2591%25E7%259F%25AD%25E4%25BF%25A1' +
        '%25E6%25B5%258B%25E8%25AF%2595%25E4%25B8%2593%25E7%2594%25A8%26SignatureMethod%3DHMAC-SHA1' +
        '%26SignatureNonce%3D45e25e9b-0a6f-4070-8c85-2956eda1b466%26SignatureVersion%3D1.0%26TemplateCode%3DSMS_71390007' +
        '%26TemplateParam%3D%257B%2522customer%2522%253A%2522test%2522%257D%26Timestamp%3D2017-07-12T02%253A42%253A19Z' +
        '%26Version%3D2017-05-25',
    );
    expect(aliyunSignature('GET', smsDocParams, 'testSecret')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
    expect(signedQuery('GET', smsDocParams, 'testSecret')).toMatch(/&Signature=zJDF%2BLrzhj%2FThnlvIToysFRq6t4%3D$/);
  });

  it('reproduces the RPC signature documentation example (DescribeRegions, parameters unsorted)', () => {
    const params = {
      Timestamp: '2016-02-23T12:46:24Z',
      Format: 'XML',
      AccessKeyId: 'testid',
      Action: 'DescribeRegions',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      Version: '2014-05-26',
      SignatureVersion: '1.0',
    };
    expect(aliyunSignature('GET', params, 'testsecret')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });

  it('leaves an existing Signature out of the canonical query', () => {
    expect(canonicalQuery({ b: '2', Signature: 'x', a: '1' })).toBe('a=1&b=2');
  });

  it('formats timestamps as ISO 8601 UTC without milliseconds', () => {
    expect(aliyunTimestamp(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)))).toBe('2024-01-02T03:04:05Z');
  });
});
