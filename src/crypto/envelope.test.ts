import { createCipheriv, createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SealedValueMalformed, SealedValueTampered, UnknownKeyVersion } from './errors.js';
import { isSealed, keyIdOf, open, searchHash, seal } from './envelope.js';
import { keyringFrom, newKeyMaterial, withNewVersion, type KeyMaterial } from './keyring.js';

const material: KeyMaterial = newKeyMaterial();
const keyring = keyringFrom(material, 'test');

/** Flips one bit of the envelope's decoded bytes at `index` (negative: from the end). */
function flip(envelope: string, index: number): string {
  const [, id, body] = envelope.split(':');
  const bytes = Buffer.from(body ?? '', 'base64url');
  const i = index < 0 ? bytes.length + index : index;
  bytes[i] = (bytes[i] ?? 0) ^ 0x01;
  return `sm4:${id}:${bytes.toString('base64url')}`;
}

describe('the SM4 and SM3 primitives Node provides', () => {
  it('SM4 encrypts the GB/T 32907 example block', () => {
    const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    const cipher = createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
    const out = Buffer.concat([cipher.update(key), cipher.final()]);
    expect(out.toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
  });

  it('SM3 hashes "abc" as GB/T 32905 says', () => {
    expect(createHash('sm3').update('abc').digest('hex')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('HMAC-SM3 is RFC 2104 over SM3 (computed by hand from the hash)', () => {
    const key = Buffer.alloc(32, 0x0b);
    const block = 64;
    const k = Buffer.concat([key, Buffer.alloc(block - key.length)]);
    const ipad = Buffer.from(k.map((b) => b ^ 0x36));
    const opad = Buffer.from(k.map((b) => b ^ 0x5c));
    const inner = createHash('sm3').update(ipad).update('Hi There').digest();
    const byHand = createHash('sm3').update(opad).update(inner).digest('hex');
    expect(createHmac('sm3', key).update('Hi There').digest('hex')).toBe(byHand);
  });
});

describe('sealing personal data (SM4-CBC + HMAC-SM3)', () => {
  it.each(['13800000001', 'chenjing@hzczj.example.com', '11010519491231002X', '经办人：陈静（杭州市财政局）', '', 'x'.repeat(254)])(
    'round-trips %j',
    (plain) => {
      const sealed = seal(keyring, 'users.mobile', plain);
      expect(isSealed(sealed)).toBe(true);
      expect(keyIdOf(sealed)).toBe(1);
      expect(sealed).not.toContain(plain === '' ? 'never' : plain);
      expect(open(keyring, 'users.mobile', sealed)).toBe(plain);
    },
  );

  it('uses a fresh IV each time: the same value seals differently', () => {
    expect(seal(keyring, 'users.mobile', '13800000001')).not.toBe(seal(keyring, 'users.mobile', '13800000001'));
  });

  it.each([
    ['the IV', 0],
    ['the ciphertext', 16],
    ['the MAC', -1],
  ])('refuses a value with one bit of %s flipped', (_what, index) => {
    const sealed = seal(keyring, 'users.email', 'chenjing@hzczj.example.com');
    expect(() => open(keyring, 'users.email', flip(sealed, index))).toThrow(SealedValueTampered);
  });

  it('refuses a value moved to another column (the purpose is in the MAC)', () => {
    const sealed = seal(keyring, 'users.mobile', '13800000001');
    expect(() => open(keyring, 'users.totp_secret', sealed)).toThrow(SealedValueTampered);
  });

  it('refuses a value relabelled with another key id', () => {
    const two = keyringFrom(withNewVersion(material), 'test');
    const sealed = seal(keyring, 'users.mobile', '13800000001');
    expect(() => open(two, 'users.mobile', sealed.replace(/^sm4:1:/, 'sm4:2:'))).toThrow(SealedValueTampered);
  });

  it('names an unknown key id', () => {
    const sealed = seal(keyring, 'users.mobile', '13800000001');
    expect(() => open(keyring, 'users.mobile', sealed.replace(/^sm4:1:/, 'sm4:7:'))).toThrow(UnknownKeyVersion);
  });

  it('refuses with a wrong key rather than returning garbage', () => {
    const other = keyringFrom(newKeyMaterial(), 'other');
    expect(() => open(other, 'users.mobile', seal(keyring, 'users.mobile', '13800000001'))).toThrow(SealedValueTampered);
  });

  it.each(['13800000001', 'sm4:1:', 'sm4:1:!!!', 'sm4:0:AAAA', `sm4:1:${Buffer.alloc(40).toString('base64url')}`, `sm4:1:${Buffer.alloc(65).toString('base64url')}`])(
    'calls %j malformed',
    (value) => {
      expect(() => open(keyring, 'users.mobile', value)).toThrow(SealedValueMalformed);
    },
  );

  it('opens values sealed by an older version once a new one is current', () => {
    const next = withNewVersion(material);
    const rotated = keyringFrom(next, 'test');
    const old = seal(keyring, 'users.mobile', '13800000001');
    expect(open(rotated, 'users.mobile', old)).toBe('13800000001');
    expect(keyIdOf(seal(rotated, 'users.mobile', '13800000001'))).toBe(2);
  });
});

describe('the keyed search hash', () => {
  it('is stable for a value and differs by key and by kind', () => {
    const h = searchHash(keyring, 'mobile', '13800000001');
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(searchHash(keyring, 'mobile', '13800000001')).toBe(h);
    expect(searchHash(keyring, 'address', '13800000001')).not.toBe(h);
    expect(searchHash(keyringFrom(newKeyMaterial(), 'x'), 'mobile', '13800000001')).not.toBe(h);
    expect(h).not.toBe(createHash('sm3').update('13800000001').digest('hex'));
  });
});
