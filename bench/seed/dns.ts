/**
 * Three DNS records a domain (3,000,000 for the country): `@` and `www` A records to the
 * website's address, and an MX, with the validated spec beside the indexed columns as
 * `dns_records` keeps them; the two TLD zones with their serials.
 */
import type pg from 'pg';

const spec = (host: string, type: string, value: string, extra = '') =>
  `jsonb_build_object('host', '${host}', 'hostAce', '${host}', 'owner', ${host === '@' ? '' : `'${host}.' || `}ace, 'ttl', 600, 'type', '${type}', 'value', ${value}, 'display', ${value}${extra})`;
const ip = `'61.' || ((n >> 16) & 255) || '.' || ((n >> 8) & 255) || '.' || greatest(n & 255, 1)`;
const records: [string, string, string, string][] = [
  ['@', 'A', ip, spec('@', 'A', ip)],
  ['www', 'A', ip, spec('www', 'A', ip)],
  ['@', 'MX', `'mx.' || ace`, spec('@', 'MX', `'mx.' || ace`, `, 'priority', 10`)],
];

export async function insertDnsRecords(c: pg.Client, lo: number, hi: number, now: Date): Promise<void> {
  for (const [host, type, value, s] of records) {
    await c.query(
      `INSERT INTO dns_records (domain_id, host, type, value, ttl, priority, spec, created_at, updated_at)
       SELECT bench_id('d' || n), '${host}', '${type}', ${value}, 600, ${type === 'MX' ? 10 : 'NULL'}, ${s}, $3, $3
       FROM bench_units WHERE n BETWEEN $1 AND $2`,
      [lo, hi, now],
    );
  }
}

export async function insertZones(c: pg.Client, now: Date): Promise<void> {
  await c.query(`INSERT INTO zones (apex, serial, updated_at) VALUES ('xn--zfr164b', 2026112800, $1), ('xn--55qw42g', 2026112800, $1) ON CONFLICT DO NOTHING`, [now]);
}
