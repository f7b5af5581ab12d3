import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formFields, parsePrintCode, printCode, printedContentHash, type FormData } from './form-fields.js';

const golden = (name: string) => path.resolve(import.meta.dirname, '../../../test/golden', name);

/** Golden files: `UPDATE_GOLDEN=1 npx vitest run src/domain/forms` rewrites them after a deliberate change. */
function expectGolden(name: string, actual: unknown) {
  const file = golden(name);
  const text = `${JSON.stringify(actual, null, 2)}\n`;
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(file, text);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

const handler = { name: '陈静', mobile: '13800000001', email: 'cj@example.com', idNumber: '11010519491231002X' };
const party: FormData = {
  number: 'SQ202600000042',
  type: 'change',
  revision: 2,
  submittedAt: new Date('2026-11-02T03:00:00Z'),
  unit: { name: '杭州市财政局', type: 'party_government', uscc: '11330100002503114X', address: '浙江省杭州市上城区解放东路18号', functions: '负责全市财政收支。' },
  domainName: '杭州市财政局.政务',
  payload: { type: 'change', websiteId: '00000000-0000-4000-8000-000000000001', hosting: 'self_hosted', websiteName: '杭州市财政局', englishDomain: 'czj.hangzhou.gov.cn', ipAddresses: ['115.236.10.21', '2400:3200::1'], description: '本网站由杭州市财政局主办。', redPage: null, handler },
};
const institution: FormData = {
  ...party,
  number: 'SQ202600000043',
  type: 'new_site',
  revision: 1,
  unit: { name: '宁波市图书馆', type: 'public_institution', uscc: '12330200419004171A', address: '浙江省宁波市鄞州区天童南路1188号', functions: '提供公共阅读服务。' },
  domainName: '宁波市图书馆.公益',
  payload: { type: 'new_site', domainId: '00000000-0000-4000-8000-000000000002', hosting: 'red_page', websiteName: '宁波市图书馆', englishDomain: null, ipAddresses: [], description: '本网站由宁波市图书馆主办。', redPage: null, handler },
};

describe('the printed forms’ field maps', () => {
  it('《党政机关网站资格复核申请表》 matches its golden file', () => expectGolden('form-fields-party-government.json', formFields(party)));
  it('《事业单位网上名称审核表》 matches its golden file', () => expectGolden('form-fields-public-institution.json', formFields(institution)));

  it('hashes what is printed: any changed value changes the code', () => {
    const a = printedContentHash(formFields(party));
    const b = printedContentHash(formFields({ ...party, payload: { ...party.payload, handler: { ...handler, mobile: '13800000002' } } }));
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads back its own codes, typed or scanned as a URL, and refuses others', () => {
    const code = printCode('SQ202600000042', 2, 'ab'.repeat(32));
    expect(parsePrintCode(code)).toEqual({ number: 'SQ202600000042', revision: 2, hash: 'ABABABABABABABAB' });
    expect(parsePrintCode(`https://zm.example.cn/paper?code=${code}`)?.revision).toBe(2);
    expect(parsePrintCode(` ${code.toLowerCase()} `)?.number).toBe('SQ202600000042');
    expect(parsePrintCode('ZM1-SQ1-R1-XYZ')).toBeNull();
    expect(parsePrintCode('')).toBeNull();
    // Not percent-encoding: refused, not thrown (it answered 500 before).
    expect(parsePrintCode('%')).toBeNull();
    expect(parsePrintCode(`https://zm.example.cn/paper?code=${code}%E0%A4%A`)).toBeNull();
  });
});
