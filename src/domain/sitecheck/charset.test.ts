import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { charsetFromContentType, charsetFromMeta, decodePage, detectCharset } from './charset.js';

const gbk = (s: string) => iconv.encode(s, 'gbk');
const page = (head: string, title: string) => `<html><head>${head}<title>${title}</title></head><body></body></html>`;

describe('the charset of a home page', () => {
  it('takes the Content-Type header first', () => {
    expect(detectCharset(gbk(page('', '杭州市财政局')), 'text/html; charset=GBK')).toEqual({ charset: 'gb18030', source: 'header' });
    expect(charsetFromContentType('text/html;charset="gb2312"')).toBe('gb2312');
  });

  it('then a meta tag, in either form', () => {
    expect(charsetFromMeta('<meta charset="gbk">')).toBe('gbk');
    expect(charsetFromMeta('<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=gb2312">')).toBe('gb2312');
    expect(charsetFromMeta('<!-- <meta charset="big5"> --><meta charset=utf-8>')).toBe('utf-8');
    expect(detectCharset(gbk(page('<meta charset="gb2312">', '宁波市教育局')), 'text/html')).toEqual({ charset: 'gb18030', source: 'meta' });
  });

  it('a BOM wins over everything', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(page('', '标题'))]);
    expect(detectCharset(bytes, 'text/html; charset=gbk').source).toBe('bom');
  });

  it('without a declaration: UTF-8 when valid, GB18030 otherwise', () => {
    expect(detectCharset(Buffer.from(page('', '桐庐县人民政府')), null)).toEqual({ charset: 'utf-8', source: 'sniffed' });
    expect(detectCharset(gbk(page('', '桐庐县人民政府')), null)).toEqual({ charset: 'gb18030', source: 'sniffed' });
  });

  it('an unknown label falls through to the next source', () => {
    expect(detectCharset(Buffer.from(page('<meta charset="utf-8">', 'x')), 'text/html; charset=x-nonsense').source).toBe('meta');
  });

  it('decodes GBK, GB2312 and GB18030 pages to the same text', () => {
    const text = page('', '杭州市第一人民医院（浙江大学医学院附属）');
    for (const label of ['gbk', 'gb2312', 'gb18030']) {
      expect(decodePage(iconv.encode(text, 'gb18030'), `text/html; charset=${label}`).text).toBe(text);
    }
  });

  it('reads a UTF-8 page cut in the middle of a character as UTF-8', () => {
    const bytes = Buffer.from(page('', '网站') + '中文内容');
    expect(detectCharset(bytes.subarray(0, bytes.length - 1), null).charset).toBe('utf-8');
  });
});
