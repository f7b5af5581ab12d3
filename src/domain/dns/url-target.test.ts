import { describe, expect, it } from 'vitest';
import { InvalidInput } from '../errors.js';
import { validateForwardUrl } from './url-target.js';

function failure(url: string) {
  try {
    validateForwardUrl(url);
  } catch (e) {
    if (e instanceof InvalidInput) return { code: e.code, field: e.field };
    throw e;
  }
  throw new Error(`accepted ${url}`);
}

describe('validateForwardUrl', () => {
  it('accepts http and https URLs and normalises them', () => {
    expect(validateForwardUrl('HTTPS://WWW.Example.gov.cn/Index.html?a=B#top')).toEqual({
      url: 'https://www.example.gov.cn/Index.html?a=B#top',
      display: 'https://www.example.gov.cn/Index.html?a=B#top',
      hostname: 'www.example.gov.cn',
    });
  });

  it('takes a bare domain (the procedure’s new English domain) as http://', () => {
    expect(validateForwardUrl('www.example.gov.cn')).toMatchObject({ url: 'http://www.example.gov.cn/' });
    expect(validateForwardUrl('www.example.gov.cn:8080/a')).toMatchObject({ url: 'http://www.example.gov.cn:8080/a' });
    expect(validateForwardUrl('//www.example.gov.cn/')).toMatchObject({ url: 'http://www.example.gov.cn/' });
  });

  it('converts an IDN host to ACE and shows it in Unicode', () => {
    expect(validateForwardUrl('https://中国政府网.政务:8443/首页')).toEqual({
      url: 'https://xn--fiqs8sirgfmhq98a.xn--zfr164b:8443/%E9%A6%96%E9%A1%B5',
      display: 'https://中国政府网.政务:8443/%E9%A6%96%E9%A1%B5',
      hostname: 'xn--fiqs8sirgfmhq98a.xn--zfr164b',
    });
  });

  it('accepts a public IP host and rejects a private one, however it is spelled', () => {
    expect(validateForwardUrl('http://1.2.3.4/')).toMatchObject({ hostname: '1.2.3.4' });
    expect(validateForwardUrl('http://[2400:3200::1]/')).toMatchObject({ hostname: '[2400:3200::1]' });
    for (const u of ['http://127.0.0.1/', 'http://0x7f.1/', 'http://10.1.2.3/', 'http://[::1]/', 'http://[fd00::1]/']) {
      expect(failure(u)).toMatchObject({ code: 'DNS_URL_HOST_NOT_PUBLIC' });
    }
  });

  it('allows 500 characters and no more', () => {
    const base = 'https://www.example.gov.cn/';
    expect(validateForwardUrl(base + 'a'.repeat(500 - base.length)).url).toHaveLength(500);
    expect(failure(base + 'a'.repeat(501 - base.length))).toEqual({ code: 'DNS_URL_TOO_LONG', field: 'value' });
  });

  it('refuses other schemes', () => {
    for (const u of ['javascript:alert(1)', 'JavaScript:alert(1)', 'data:text/html,x', 'ftp://a.cn/', 'file:///etc/passwd', 'vbscript:x']) {
      expect(failure(u)).toEqual({ code: 'DNS_URL_BAD_SCHEME', field: 'value' });
    }
  });

  it('refuses credentials in the URL', () => {
    expect(failure('http://user:pw@www.example.gov.cn/')).toMatchObject({ code: 'DNS_URL_CREDENTIALS' });
    expect(failure('https://user@www.example.gov.cn/')).toMatchObject({ code: 'DNS_URL_CREDENTIALS' });
  });

  it('rejects empty input, whitespace inside and unparsable URLs', () => {
    expect(failure(' ')).toMatchObject({ code: 'DNS_URL_EMPTY' });
    expect(failure('http://a.cn/a b')).toMatchObject({ code: 'DNS_URL_INVALID' });
    expect(failure('http://a.cn/\nx')).toMatchObject({ code: 'DNS_URL_INVALID' });
    expect(failure('http://')).toMatchObject({ code: 'DNS_URL_INVALID' });
    expect(failure('http://a.cn:99999/')).toMatchObject({ code: 'DNS_URL_INVALID' });
  });

  it('rejects hosts that are not domain names', () => {
    for (const u of ['http://localhost/', 'http://a_b.cn/', 'http://-a.cn/', 'http://a.b/']) {
      expect(failure(u)).toMatchObject({ code: 'DNS_URL_HOST_INVALID' });
    }
  });
});
