import net from 'node:net';

/**
 * The PROXY protocol's human-readable header (version 1, haproxy's proxy-protocol.txt §2.1), as
 * nginx's stream module sends it with `proxy_protocol on`: one line before the client's bytes,
 *
 *     PROXY TCP4 203.0.113.5 192.0.2.1 51234 43\r\n
 *     PROXY UNKNOWN\r\n            (the proxy does not know: the connection's own address applies)
 *
 * at most 107 bytes with its CRLF. Anything else from a proxy that should send one means the
 * connection is not what it claims, and the spec says to drop it.
 */
export const maxProxyHeaderBytes = 107;

export type ProxyHeader = { kind: 'proxied'; source: string } | { kind: 'unknown' };

const port = /^(?:0|[1-9]\d{0,4})$/;

/** The header line with its CRLF; null when it is not a valid version 1 header. */
export function parseProxyHeader(line: string): ProxyHeader | null {
  if (line.length > maxProxyHeaderBytes || !line.endsWith('\r\n')) return null;
  const parts = line.slice(0, -2).split(' ');
  if (parts[0] !== 'PROXY') return null;
  if (parts[1] === 'UNKNOWN') return { kind: 'unknown' };
  if (parts.length !== 6) return null;
  const [, family, source = '', destination = '', sourcePort = '', destinationPort = ''] = parts;
  const version = family === 'TCP4' ? 4 : family === 'TCP6' ? 6 : 0;
  if (version === 0 || net.isIP(source) !== version || net.isIP(destination) !== version) return null;
  for (const p of [sourcePort, destinationPort]) if (!port.test(p) || Number(p) > 65535) return null;
  return { kind: 'proxied', source };
}
