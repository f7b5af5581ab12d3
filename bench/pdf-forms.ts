/**
 * PDF generation per form: p50, p95 and memory after 1,000 forms, with the font parsed once per
 * process (src/pdf/font.ts). The reference run, side by side, is plain pdfkit parsing the font
 * for every document, as it does by default.
 *   npx tsx bench/pdf-forms.ts [forms]
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type PDFDocumentType from 'pdfkit';
import { renderApplicationForm } from '../src/pdf/render-form.js';
import { fontFiles } from '../src/pdf/font.js';
import type { FormData } from '../src/domain/forms/form-fields.js';

const forms = Number(process.argv[2] ?? '1000');
const handler = { name: '陈静', mobile: '13800000001', email: 'cj@example.com', idNumber: '11010519491231002X' };
const data = (i: number): FormData => ({
  number: `SQ2026${String(i).padStart(8, '0')}`,
  type: 'change',
  revision: 1 + (i % 3),
  submittedAt: new Date(),
  unit: { name: `杭州市第${i}测试局`, type: i % 2 === 0 ? 'party_government' : 'public_institution', uscc: '11330100002503114X', address: '浙江省杭州市上城区解放东路18号', functions: '负责全市财政收支、财税政策、财政监督和国有资产管理等工作。' },
  domainName: `杭州市第${i}测试局.政务`,
  payload: { type: 'change', websiteId: '00000000-0000-4000-8000-000000000001', hosting: 'self_hosted', websiteName: `杭州市第${i}测试局`, englishDomain: 'czj.hangzhou.gov.cn', ipAddresses: ['115.236.10.21'], description: '本网站由杭州市财政局主办，旨在介绍我单位职能、职责、人员编制，面向社会公开工作动态，促进我单位电子政务和信息化建设。', redPage: null, handler },
});

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;

async function ours(n: number) {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await renderApplicationForm(data(i), { consoleUrl: 'https://zm.example.cn', officeName: '杭州市编办', printedAt: new Date() });
    times.push(performance.now() - t);
  }
  return times;
}

/** Reference: the same text through pdfkit loaded fresh (its own fontkit), font parsed per document. */
async function reference(n: number) {
  const require = createRequire(import.meta.url);
  const pdfkitPath = require.resolve('pdfkit');
  const saved = require.cache[pdfkitPath];
  delete require.cache[pdfkitPath];
  const fontkitPath = require.resolve('fontkit');
  const savedFontkit = require.cache[fontkitPath];
  delete require.cache[fontkitPath];
  const PDFDocument = require('pdfkit') as typeof PDFDocumentType;
  if (saved !== undefined) require.cache[pdfkitPath] = saved;
  if (savedFontkit !== undefined) require.cache[fontkitPath] = savedFontkit;
  const font = readFileSync(fontFiles.regular);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const doc = new PDFDocument({ size: 'A4' });
    const done = new Promise<void>((r) => doc.on('end', () => r()));
    doc.on('data', () => undefined);
    doc.registerFont('cn', font);
    doc.font('cn').fontSize(12);
    for (const line of Object.values(data(i).unit)) doc.text(String(line));
    const p = data(i).payload;
    doc.text(p.type === 'deregister' ? '' : p.description);
    doc.end();
    await done;
    times.push(performance.now() - t);
  }
  return times;
}

await ours(5); // warm up: the first form parses the font
const rssBefore = process.memoryUsage().rss;
const mine = await ours(forms);
if (typeof global.gc === 'function') global.gc();
const rssAfter = process.memoryUsage().rss;
const ref = await reference(Math.min(50, forms));
const line = (name: string, xs: number[]) => `${name.padEnd(34)} n=${String(xs.length).padStart(5)}  p50=${pct(xs, 50).toFixed(1).padStart(7)} ms  p95=${pct(xs, 95).toFixed(1).padStart(7)} ms`;
console.log(line('zhengming (font parsed once)', mine));
console.log(line('reference (pdfkit, font per doc)', ref));
console.log(`ratio p95 reference/zhengming: ${(pct(ref, 95) / pct(mine, 95)).toFixed(1)}x`);
console.log(`rss after warm-up ${(rssBefore / 1e6).toFixed(0)} MB, after ${forms} forms ${(rssAfter / 1e6).toFixed(0)} MB (Δ ${((rssAfter - rssBefore) / 1e6).toFixed(0)} MB)`);
