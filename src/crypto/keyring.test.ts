import { describe, expect, it } from 'vitest';
import { KeyMaterialInvalid } from './errors.js';
import { keyringFrom, newKeyMaterial, parseKeyMaterial, withNewVersion, withoutVersion } from './keyring.js';

const key = () => Buffer.alloc(32, 7).toString('base64');

describe('key material', () => {
  it('derives separate SM4 and MAC keys per version', () => {
    const k = keyringFrom(newKeyMaterial(), 't');
    const v = k.versions.get(1);
    expect(v?.enc.length).toBe(16);
    expect(v?.mac.length).toBe(32);
    expect(v?.mac.subarray(0, 16).equals(v.enc)).toBe(false);
  });

  it('adds a version that becomes current, and retires another', () => {
    const two = withNewVersion(newKeyMaterial());
    expect(two.current).toBe(2);
    expect(Object.keys(two.keys)).toEqual(['1', '2']);
    expect(Object.keys(withoutVersion(two, 1).keys)).toEqual(['2']);
    expect(keyringFrom(withoutVersion(two, 1), 't').current).toBe(2);
  });

  it.each([
    ['not JSON', '{'],
    ['an array', '[]'],
    ['no current', JSON.stringify({ keys: { '1': key() }, search: key() })],
    ['a current not among the keys', JSON.stringify({ current: 2, keys: { '1': key() }, search: key() })],
    ['a short key', JSON.stringify({ current: 1, keys: { '1': Buffer.alloc(16).toString('base64') }, search: key() })],
    ['a key that is not base64', JSON.stringify({ current: 1, keys: { '1': 'no spaces allowed' }, search: key() })],
    ['a version that is not a number', JSON.stringify({ current: 1, keys: { '1': key(), one: key() }, search: key() })],
    ['no search key', JSON.stringify({ current: 1, keys: { '1': key() } })],
    ['the same key twice', JSON.stringify({ current: 1, keys: { '1': key(), '2': key() }, search: key() })],
  ])('refuses %s with a clear message', (_what, text) => {
    expect(() => parseKeyMaterial(text, 'PERSONAL_DATA_KEYS')).toThrow(KeyMaterialInvalid);
    expect(() => parseKeyMaterial(text, 'PERSONAL_DATA_KEYS')).toThrow(/PERSONAL_DATA_KEYS/);
  });
});
