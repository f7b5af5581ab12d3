import { describe, expect, it } from 'vitest';
import { parseProxyHeader } from './proxy-protocol.js';

describe('parseProxyHeader (PROXY protocol v1)', () => {
  it('reads the client address of TCP4 and TCP6 headers, and UNKNOWN', () => {
    expect(parseProxyHeader('PROXY TCP4 203.0.113.5 192.0.2.1 51234 43\r\n')).toEqual({ kind: 'proxied', source: '203.0.113.5' });
    expect(parseProxyHeader('PROXY TCP6 2001:db8::5 2001:db8::1 51234 43\r\n')).toEqual({ kind: 'proxied', source: '2001:db8::5' });
    expect(parseProxyHeader('PROXY UNKNOWN\r\n')).toEqual({ kind: 'unknown' });
    expect(parseProxyHeader('PROXY UNKNOWN ffff:f...f:ffff ffff:f...f:ffff 65535 65535\r\n')).toEqual({ kind: 'unknown' });
  });

  it('refuses everything else', () => {
    for (const bad of [
      'PROXY TCP4 203.0.113.5 192.0.2.1 51234 43\n', // LF only
      'PROXY TCP4 203.0.113.5 192.0.2.1 51234\r\n', // a field missing
      'PROXY TCP4 2001:db8::5 192.0.2.1 51234 43\r\n', // family and address disagree
      'PROXY TCP6 203.0.113.5 2001:db8::1 1 2\r\n',
      'PROXY TCP4 203.0.113.5 192.0.2.1 65536 43\r\n', // port out of range
      'PROXY TCP4 203.0.113.5 192.0.2.1 051234 43\r\n', // leading zero
      'PROXY UDP4 203.0.113.5 192.0.2.1 1 2\r\n',
      'PROXY  TCP4 203.0.113.5 192.0.2.1 1 2\r\n',
      'proxy TCP4 203.0.113.5 192.0.2.1 1 2\r\n',
      'b.政务\r\n',
      `PROXY TCP6 ${'a'.repeat(100)} ::1 1 2\r\n`, // over 107 bytes
    ]) {
      expect(parseProxyHeader(bad), bad).toBeNull();
    }
  });
});
