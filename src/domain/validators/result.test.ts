import { describe, it, expect } from 'vitest';
import { invalid, valid } from './result.js';

describe('result constructors', () => {
  it('builds a success with no warnings by default', () => {
    expect(valid('x')).toEqual({ ok: true, value: 'x', warnings: [] });
  });

  it('keeps the warnings it is given', () => {
    const w = { code: 'SOME_WARNING', message: '提示' };
    expect(valid(1, [w])).toEqual({ ok: true, value: 1, warnings: [w] });
  });

  it('builds a failure with a code and a message', () => {
    expect(invalid('SOME_ERROR', '错误')).toEqual({ ok: false, code: 'SOME_ERROR', message: '错误' });
  });
});
