import { describe, expect, it } from 'vitest';
import { domainHandle, parseEntityHandle } from './record.js';

describe('registration-data handles', () => {
  it('a domain handle is its id in hex with the registry suffix, ROID style', () => {
    expect(domainHandle('796bf5e7-2b90-4cf5-9bdb-2d628d52e749')).toBe('796BF5E72B904CF59BDB2D628D52E749-ZM');
  });

  it('an entity handle is a 统一社会信用代码 in any case, anything else is no handle of ours', () => {
    expect(parseEntityHandle(' 12330100470045529p ')).toBe('12330100470045529P');
    for (const h of ['', '1233010047004552', '12330100470045529I', '12330100470045529P0', '../etc/passwd']) expect(parseEntityHandle(h)).toBeNull();
  });
});
