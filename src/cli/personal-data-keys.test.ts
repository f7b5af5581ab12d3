import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { demoKeyFile, keySourceOf } from './personal-data-keys.js';

describe('where the personal-data keys come from', () => {
  it('takes the key file, or the JSON from the environment', () => {
    expect(keySourceOf(loadConfig({ PERSONAL_DATA_KEY_FILE: '/etc/zm/keys.json' }), 'postgres')).toEqual({ kind: 'file', path: '/etc/zm/keys.json', mayCreate: false });
    expect(keySourceOf(loadConfig({ PERSONAL_DATA_KEYS: '{"x":1}' }), 'postgres')).toEqual({ kind: 'config', text: '{"x":1}' });
  });

  it('generates a key file in DATA_DIR for the embedded database only', () => {
    const config = loadConfig({ DATA_DIR: '/tmp/zm-demo' });
    expect(keySourceOf(config, 'pglite')).toEqual({ kind: 'file', path: demoKeyFile(config.dataDir), mayCreate: true });
    expect(() => keySourceOf(config, 'postgres')).toThrow(ConfigError);
    expect(() => keySourceOf(config, 'postgres')).toThrow(/PERSONAL_DATA_KEY_FILE/);
  });

  it('refuses both at once, and treats an empty value as unset', () => {
    expect(() => keySourceOf(loadConfig({ PERSONAL_DATA_KEY_FILE: '/k.json', PERSONAL_DATA_KEYS: '{}' }), 'pglite')).toThrow(/只能设置其一/);
    expect(keySourceOf(loadConfig({ PERSONAL_DATA_KEY_FILE: '', PERSONAL_DATA_KEYS: '', DATA_DIR: '/tmp/zm-demo' }), 'pglite').kind).toBe('file');
  });
});
