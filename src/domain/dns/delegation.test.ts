import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { checkDelegation, checkDeletion } from './delegation.js';
import { validateRecord, type DnsRecordSpec, type RecordType } from './records.js';

const apex = { unicode: '国务院.政务', ace: 'xn--zfr54hdx6e.xn--zfr164b' };
let nextId = 0;
function rec(host: string, type: RecordType, value: string): DnsRecordSpec {
  return { ...validateRecord({ host, type, value, priority: 10 }, apex), id: `d${++nextId}` };
}

function failure(f: () => void) {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code, status: e.status };
    throw e;
  }
  throw new Error('accepted');
}

const ns = rec('sub', 'NS', 'ns1.example.cn');

describe('checkDelegation', () => {
  it('allows more NS at the cut and A/AAAA glue below it', () => {
    expect(() => checkDelegation([ns], rec('sub', 'NS', 'ns2.example.cn'))).not.toThrow();
    expect(() => checkDelegation([ns], rec('ns1.sub', 'A', '1.2.3.4'))).not.toThrow();
    expect(() => checkDelegation([ns], rec('ns1.sub', 'AAAA', '2400:3200::1'))).not.toThrow();
  });

  it('refuses any other record at a delegated name', () => {
    for (const [type, value] of [['A', '1.2.3.4'], ['TXT', 'x'], ['MX', 'mx.example.cn'], ['URL_FRAME', 'https://a.gov.cn']] as const) {
      expect(failure(() => checkDelegation([ns], rec('sub', type, value)))).toEqual({ code: 'DNS_DELEGATION_CONFLICT', status: 409 });
    }
  });

  it('refuses anything but A/AAAA below a delegated name, including a nested delegation', () => {
    expect(failure(() => checkDelegation([ns], rec('www.sub', 'CNAME', 'a.example.cn')))).toMatchObject({ code: 'DNS_DELEGATION_CONFLICT' });
    expect(failure(() => checkDelegation([ns], rec('*.sub', 'TXT', 'x')))).toMatchObject({ code: 'DNS_DELEGATION_CONFLICT' });
    expect(failure(() => checkDelegation([ns], rec('deep.sub', 'NS', 'ns.example.cn')))).toMatchObject({ code: 'DNS_DELEGATION_CONFLICT' });
  });

  it('refuses to delegate a name that already holds other records or non-glue records below it', () => {
    expect(failure(() => checkDelegation([rec('sub', 'A', '1.2.3.4')], ns))).toMatchObject({ code: 'DNS_DELEGATION_CONFLICT' });
    expect(failure(() => checkDelegation([rec('www.sub', 'TXT', 'x')], ns))).toMatchObject({ code: 'DNS_DELEGATION_CONFLICT' });
    expect(failure(() => checkDelegation([rec('a.b.sub', 'NS', 'x.example.cn')], ns))).toMatchObject({ code: 'DNS_DELEGATION_CONFLICT' });
    expect(() => checkDelegation([rec('x.sub', 'A', '1.2.3.4'), rec('other', 'TXT', 'x')], ns)).not.toThrow();
  });

  it('does not confuse a name that merely ends with the same letters', () => {
    expect(() => checkDelegation([ns], rec('xsub', 'TXT', 'x'))).not.toThrow();
  });

  it('requires an address for an NS target inside the domain (glue), before the NS', () => {
    const inside = rec('sub', 'NS', 'ns1.sub.国务院.政务');
    expect(failure(() => checkDelegation([], inside))).toEqual({ code: 'DNS_NS_GLUE_MISSING', status: 400 });
    expect(() => checkDelegation([rec('ns1.sub', 'A', '1.2.3.4')], inside)).not.toThrow();
    const sibling = rec('sub', 'NS', 'ns.国务院.政务');
    expect(failure(() => checkDelegation([], sibling))).toMatchObject({ code: 'DNS_NS_GLUE_MISSING' });
    expect(() => checkDelegation([rec('ns', 'AAAA', '2400:3200::1')], sibling)).not.toThrow();
  });
});

describe('checkDeletion', () => {
  const glue = rec('ns1.sub', 'A', '1.2.3.4');
  const glue6 = rec('ns1.sub', 'AAAA', '2400:3200::1');
  const inside = rec('sub', 'NS', 'ns1.sub.国务院.政务');

  it('refuses deleting the last address of an in-domain NS target', () => {
    expect(failure(() => checkDeletion([inside, glue], [glue.id ?? '']))).toEqual({ code: 'DNS_GLUE_IN_USE', status: 409 });
    expect(failure(() => checkDeletion([inside, glue, glue6], [glue.id ?? '', glue6.id ?? '']))).toMatchObject({
      code: 'DNS_GLUE_IN_USE',
    });
  });

  it('allows deleting one of several addresses, or the NS together with its glue', () => {
    expect(() => checkDeletion([inside, glue, glue6], [glue.id ?? ''])).not.toThrow();
    expect(() => checkDeletion([inside, glue], [inside.id ?? '', glue.id ?? ''])).not.toThrow();
    expect(() => checkDeletion([ns, rec('a', 'A', '1.2.3.4')], ['d999'])).not.toThrow();
  });
});
