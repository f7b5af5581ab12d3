import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quoteCharacterString, splitCharacterStrings } from './txt.js';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('splitCharacterStrings', () => {
  it('keeps short text as one string and the empty text as one empty string', () => {
    expect(splitCharacterStrings('v=spf1 -all')).toEqual(['v=spf1 -all']);
    expect(splitCharacterStrings('')).toEqual(['']);
  });

  it('splits ASCII at 255 octets', () => {
    expect(splitCharacterStrings('a'.repeat(255))).toEqual(['a'.repeat(255)]);
    expect(splitCharacterStrings('a'.repeat(600))).toEqual(['a'.repeat(255), 'a'.repeat(255), 'a'.repeat(90)]);
  });

  it('never cuts a UTF-8 sequence: 86 汉字 are 258 octets, split 85 + 1', () => {
    expect(splitCharacterStrings('字'.repeat(86))).toEqual(['字'.repeat(85), '字']);
    const mixed = `a${'😀'.repeat(64)}`; // 1 + 256 octets
    expect(splitCharacterStrings(mixed).map(bytes)).toEqual([253, 4]);
  });

  it('property: pieces join back to the text and each fits in 255 octets', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 2048 }), (text) => {
        const pieces = splitCharacterStrings(text);
        expect(pieces.join('')).toBe(text);
        for (const p of pieces) expect(bytes(p)).toBeLessThanOrEqual(255);
      }),
    );
  });
});

describe('quoteCharacterString', () => {
  it('quotes plain ASCII as is', () => {
    expect(quoteCharacterString('v=DMARC1; p=none')).toBe('"v=DMARC1; p=none"');
  });

  it('escapes quote and backslash', () => {
    expect(quoteCharacterString('say "hi" \\ bye')).toBe('"say \\"hi\\" \\\\ bye"');
  });

  it('writes every non-ASCII octet as \\DDD', () => {
    expect(quoteCharacterString('中文')).toBe('"\\228\\184\\173\\230\\150\\135"');
    expect(quoteCharacterString('a\u0007é')).toBe('"a\\007\\195\\169"');
  });
});
