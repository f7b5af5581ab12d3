import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportZone } from '../../src/app/dns/zone-export.js';
import { useTestApp } from '../support/app.js';
import { useDemoWorld } from '../support/demo-world.js';

const t = useTestApp();
const w = useDemoWorld(t);
const settings = { mname: 'ns1.zhengming.example', rname: 'hostmaster.zhengming.example', ns: ['ns1.zhengming.example', 'ns2.zhengming.example'], edge: { ipv4: ['203.119.25.1'], ipv6: ['2001:dc7::1'] } };

describe('zone export', () => {
  it('publishes units’ records and red pages as a master file that kzonecheck and named-checkzone accept', async () => {
    const handler = await w.as('jbr.nbjyj');
    const domain = (await handler.get('/api/domains')).body.items[0];
    expect((await handler.post(`/api/domains/${domain.id}/records`, { host: '@', type: 'URL_REDIRECT', value: 'https://jyj.ningbo.gov.cn', redirectCode: 301 })).status).toBe(201);
    expect((await handler.post(`/api/domains/${domain.id}/records`, { host: '邮件', type: 'MX', value: 'mx.ningbo.gov.cn', priority: 5 })).status).toBe(201);
    expect((await handler.post(`/api/domains/${domain.id}/records`, { host: '@', type: 'TXT', value: '网站验证 "zm" v=1' })).status).toBe(201);

    const text = await exportZone(t.db, '政务', settings);
    const dir = mkdtempSync(path.join(tmpdir(), 'zm-zone-'));
    const file = path.join(dir, 'xn--zfr164b.zone');
    writeFileSync(file, text);
    expect(() => execFileSync('kzonecheck', ['-o', 'xn--zfr164b', file], { stdio: 'pipe' })).not.toThrow();
    expect(() => execFileSync('named-checkzone', ['xn--zfr164b', file], { stdio: 'pipe' })).not.toThrow();

    // The URL转发 pair answers with the edge; 杭州市财政局 (网络红页) answers @ and www with the edge too.
    const label = domain.ace.split('.')[0];
    expect(text).toMatch(new RegExp(`${label}\\s+\\d+\\s+IN\\s+A\\s+203\\.119\\.25\\.1`));
    expect(text).toMatch(new RegExp(`www\\.${label}\\s+\\d+\\s+IN\\s+AAAA\\s+2001:dc7::1`));
    expect(text).toMatch(/IN\s+MX\s+5\s+mx\.ningbo\.gov\.cn\./);
    const redPage = (await (await w.as('jbr.hzczj')).get('/api/domains')).body.items[0].ace.split('.')[0];
    expect(text).toMatch(new RegExp(`www\\.${redPage}\\s+\\d+\\s+IN\\s+A\\s+203\\.119\\.25\\.1`));
    expect(text).toMatch(/SOA\s+ns1\.zhengming\.example\.\s+hostmaster\.zhengming\.example\./);
    // .公益 domains are in the other zone.
    expect(text).not.toContain('xn--55qw42g');
  });
});
