import { describe, expect, it } from 'vitest';
import { BackupRefused } from './errors.js';
import { foreignKeyOrder } from './table-order.js';

describe('foreignKeyOrder', () => {
  it('puts every referenced table before the tables that reference it, ties by name', () => {
    const order = foreignKeyOrder([
      { name: 'users', references: ['units', 'regions'] },
      { name: 'units', references: ['regions'] },
      { name: 'calendar_days', references: [] },
      { name: 'regions', references: [] },
      { name: 'sessions', references: ['users'] },
    ]);
    expect(order).toEqual(['calendar_days', 'regions', 'units', 'users', 'sessions']);
  });

  it('refuses a cycle, a self-reference and a reference outside the set', () => {
    expect(() => foreignKeyOrder([{ name: 'a', references: ['b'] }, { name: 'b', references: ['a'] }])).toThrow(BackupRefused);
    expect(() => foreignKeyOrder([{ name: 'a', references: ['a'] }])).toThrow(/自身/);
    expect(() => foreignKeyOrder([{ name: 'a', references: ['zz'] }])).toThrow(/zz/);
  });
});
