import { describe, expect, it } from 'vitest';
import { parseScanLine } from './zone-lines.js';

describe('parseScanLine', () => {
  it('takes a record’s line apart: the value is everything after the fifth space', () => {
    expect(parseScanLine('TXT 600  d1.xn--zfr164b txt.d1.xn--zfr164b 网站验证 "zm" v=1')).toEqual({
      type: 'TXT',
      ttl: 600,
      priority: null,
      domain: 'd1.xn--zfr164b',
      owner: 'txt.d1.xn--zfr164b',
      value: '网站验证 "zm" v=1',
    });
    expect(parseScanLine('MX 3600 10 d1.xn--zfr164b d1.xn--zfr164b mx.example.cn')).toMatchObject({ type: 'MX', ttl: 3600, priority: 10, value: 'mx.example.cn' });
    expect(parseScanLine('TXT 600  d1.xn--zfr164b d1.xn--zfr164b ')).toMatchObject({ value: '' });
  });

  it('is null for a line that is not a record’s', () => {
    expect(parseScanLine('+ d1.xn--zfr164b')).toBeNull();
    expect(parseScanLine('# 42')).toBeNull();
    expect(parseScanLine('A 600  d1.xn--zfr164b')).toBeNull();
  });
});
