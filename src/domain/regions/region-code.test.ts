import { describe, expect, it } from 'vitest';
import { regionLevelOf, verifyRegionParent } from './region-code.js';

describe('GB/T 2260 region codes', () => {
  it('reads the level from the code', () => {
    expect(regionLevelOf('330000')).toBe('province');
    expect(regionLevelOf('330100')).toBe('city');
    expect(regionLevelOf('330122')).toBe('county');
    expect(() => regionLevelOf('33010')).toThrow(/6位/);
    expect(() => regionLevelOf('000000')).toThrow();
  });

  it('requires the parent the code implies', () => {
    expect(() => verifyRegionParent('330000', null)).not.toThrow();
    expect(() => verifyRegionParent('330100', { code: '330000', level: 'province' })).not.toThrow();
    expect(() => verifyRegionParent('330122', { code: '330100', level: 'city' })).not.toThrow();
    expect(() => verifyRegionParent('429004', { code: '420000', level: 'province' })).not.toThrow();
    expect(() => verifyRegionParent('330100', null)).toThrow(/上级应为330000/);
    expect(() => verifyRegionParent('330122', { code: '330200', level: 'city' })).toThrow();
    expect(() => verifyRegionParent('330000', { code: '110000', level: 'province' })).toThrow(/没有上级/);
  });
});
