import { describe, expect, it } from 'vitest';
import { auditEventHash, ChainVerifier, genesisHash, sm3Hex, type ChainedRow } from './chain.js';

const content = (id: number) => ({
  id,
  at: new Date(Date.UTC(2025, 0, 1, 0, 0, id)),
  actorId: null,
  actorUsername: 'u',
  action: 'login',
  targetType: null,
  targetId: null,
  result: 'success',
  ip: '127.0.0.1',
  userAgent: null,
  detailsText: '{}',
});

function chain(n: number): ChainedRow[] {
  const rows: ChainedRow[] = [];
  let prev = genesisHash;
  for (let i = 1; i <= n; i++) {
    const c = content(i);
    const hash = auditEventHash(c, prev);
    rows.push({ ...c, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

describe('the audit hash chain', () => {
  it('uses SM3 (GB/T 32905 test vector)', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('accepts an intact chain', () => {
    const v = new ChainVerifier();
    for (const r of chain(5)) v.push(r);
    expect(v.broken).toBeNull();
    expect(v.checked).toBe(5);
  });

  it('finds a changed event at that event', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2]!, result: 'failure' };
    const v = new ChainVerifier();
    for (const r of rows) v.push(r);
    expect(v.broken).toMatchObject({ kind: 'modified', id: 3, previousId: 2, stored: rows[2]!.hash });
  });

  it('finds a deleted event at the next one', () => {
    const rows = chain(5);
    rows.splice(1, 1);
    const v = new ChainVerifier();
    for (const r of rows) v.push(r);
    expect(v.broken).toMatchObject({ kind: 'gap', id: 3, previousId: 1, expected: rows[0]!.hash, stored: rows[1]!.prevHash });
  });
});
