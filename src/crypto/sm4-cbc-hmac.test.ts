import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SealedValueMalformed } from './errors.js';
import { deriveKeyVersion } from './keyring.js';
import { hmacSm3, sm4CbcDecrypt, sm4CbcEncrypt } from './sm4-cbc-hmac.js';

const key = deriveKeyVersion(1, randomBytes(32));
const lengths = [0, 1, 15, 16, 17, 31, 32, 33, 254, 1000];

describe('SM4-CBC over a kept SM4-ECB context', () => {
  it.each(lengths)('matches Node’s sm4-cbc both ways for %i bytes', (n) => {
    const plain = randomBytes(n);
    const iv = randomBytes(16);
    const mine = sm4CbcEncrypt(key, iv, plain);
    const node = createCipheriv('sm4-cbc', key.enc, iv);
    expect(mine.equals(Buffer.concat([node.update(plain), node.final()]))).toBe(true);
    const back = createDecipheriv('sm4-cbc', key.enc, iv);
    expect(Buffer.concat([back.update(mine), back.final()]).equals(plain)).toBe(true);
    expect(sm4CbcDecrypt(key, iv, mine).equals(plain)).toBe(true);
  });

  it('keeps working after many values (no state leaks between them)', () => {
    for (let i = 0; i < 200; i++) {
      const plain = randomBytes(i % 40);
      const iv = randomBytes(16);
      expect(sm4CbcDecrypt(key, iv, sm4CbcEncrypt(key, iv, plain)).equals(plain)).toBe(true);
    }
  });

  it('refuses a length that is not whole blocks, and bad padding', () => {
    expect(() => sm4CbcDecrypt(key, randomBytes(16), randomBytes(20))).toThrow(SealedValueMalformed);
    const iv = randomBytes(16);
    const c = createCipheriv('sm4-cbc', key.enc, iv).setAutoPadding(false);
    const noPadding = Buffer.concat([c.update(Buffer.alloc(16, 0x41)), c.final()]);
    expect(() => sm4CbcDecrypt(key, iv, noPadding)).toThrow(SealedValueMalformed);
  });
});

describe('HMAC-SM3 from kept inner and outer states', () => {
  it.each(lengths)('equals createHmac(sm3) over %i bytes in parts', (n) => {
    const data = randomBytes(n);
    const expected = createHmac('sm3', key.mac).update('label\0').update(data).digest();
    expect(hmacSm3(key, ['label\0', data]).equals(expected)).toBe(true);
    expect(hmacSm3(key, ['label\0', data]).equals(expected)).toBe(true);
  });
});
