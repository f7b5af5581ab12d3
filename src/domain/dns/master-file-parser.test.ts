import { describe, expect, it } from 'vitest';
import { parseMasterFile, unescapeOctets } from './master-file-parser.js';

const head = '$ORIGIN xn--zfr164b.\n$TTL 3600\n@ 3600 IN SOA ns1.conac.cn. hostmaster.conac.cn. 1 2 3 4 5\n';

describe('parseMasterFile', () => {
  it('reads directives, SOA, apex NS, relative and absolute names, comments', () => {
    const zone = parseMasterFile(
      `; header\n${head}@ 3600 IN NS ns1.conac.cn. ; primary\n\na 60 IN CNAME b\nb 60 IN MX 5 mx.example.cn.\nc 60 IN NS ns.c\n`,
    );
    expect(zone.origin).toBe('xn--zfr164b');
    expect(zone.soa).toEqual({ mname: 'ns1.conac.cn', rname: 'hostmaster.conac.cn', serial: 1, refresh: 2, retry: 3, expire: 4, minimum: 5 });
    expect(zone.ns).toEqual(['ns1.conac.cn']);
    expect(zone.records).toEqual([
      { owner: 'a.xn--zfr164b', type: 'CNAME', ttl: 60, data: 'b.xn--zfr164b' },
      { owner: 'b.xn--zfr164b', type: 'MX', ttl: 60, data: { preference: 5, exchange: 'mx.example.cn' } },
      { owner: 'c.xn--zfr164b', type: 'NS', ttl: 60, data: 'ns.c.xn--zfr164b' },
    ]);
  });

  it('decodes quoted TXT strings with escapes and a ; inside quotes', () => {
    const zone = parseMasterFile(`${head}t 60 IN TXT "a;b \\"q\\" \\\\" "\\228\\184\\173"\n`);
    expect(zone.records[0]?.data).toEqual(['a;b "q" \\', '中']);
  });

  it('keeps an escaped dot inside a label', () => {
    expect(parseMasterFile(`${head.replace('hostmaster', 'host\\046master')}`).soa?.rname).toBe('host\\.master.conac.cn');
  });

  it('rejects what renderMasterFile never writes', () => {
    const bad = [
      't 60 IN TXT unquoted',
      `t 60 IN TXT "${'a'.repeat(256)}"`,
      `${'a'.repeat(64)} 60 IN A 1.2.3.4`,
      'a 60 CH A 1.2.3.4',
      'a 60 IN SRV 0 0 1 x.',
      'a x IN A 1.2.3.4',
      'a 60 IN A 1.2.3.4 5.6.7.8',
      'a 60 IN TXT "unterminated',
      '@ 60 IN SOA a. b. 1 2 3',
    ];
    for (const line of bad) expect(() => parseMasterFile(`${head}${line}\n`), line).toThrow();
  });
});

describe('unescapeOctets', () => {
  it('reads \\DDD and \\X', () => {
    expect([...unescapeOctets('a\\046\\.\\\\')]).toEqual([0x61, 0x2e, 0x2e, 0x5c]);
    expect(() => unescapeOctets('a\\')).toThrow();
  });
});
