import { describe, expect, it } from 'vitest';
import { fromCopyText } from './snapshot.js';

describe('fromCopyText (one column of COPY TO text)', () => {
  it('reads \\N as NULL and a plain field as itself', () => {
    expect(fromCopyText('\\N')).toBeNull();
    expect(fromCopyText('TXT 600  d1.xn--zfr164b d1.xn--zfr164b 网站验证 "zm" v=1')).toBe('TXT 600  d1.xn--zfr164b d1.xn--zfr164b 网站验证 "zm" v=1');
    expect(fromCopyText('')).toBe('');
  });

  it('undoes the escapes COPY writes, a doubled backslash first', () => {
    // The value `C:\N\t` (backslashes, not a NULL or a tab) comes as `C:\\N\\t`.
    expect(fromCopyText('C:\\\\N\\\\t')).toBe('C:\\N\\t');
    expect(fromCopyText('\\\\N')).toBe('\\N');
    expect(fromCopyText('a\\tb\\nc\\rd\\be\\ff\\vg')).toBe('a\tb\nc\rd\be\ff\vg');
    expect(fromCopyText('end\\\\')).toBe('end\\');
  });
});
