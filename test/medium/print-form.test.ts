import { describe, expect, it } from 'vitest';
import { formFields } from '../../src/domain/forms/form-fields.js';
import { useTestApp, type ApiClient } from '../support/app.js';
import { handlerContact, useDemoWorld } from '../support/demo-world.js';
import { pdfQrCodes, pdfText, squeeze } from '../support/pdf-tools.js';

const t = useTestApp();
const w = useDemoWorld(t);

async function pdfOf(c: ApiClient, id: string) {
  const res = await t.server.inject({ method: 'GET', url: `/api/applications/${id}/form.pdf`, headers: { cookie: `zm_session=${c.cookie ?? ''}` } });
  return { status: res.statusCode, pdf: res.rawPayload, code: String(res.headers['x-print-code'] ?? ''), type: String(res.headers['content-type'] ?? '') };
}

async function approveThrough(id: string, reviewers: ApiClient[]) {
  let last = (await reviewers[0]!.get(`/api/applications/${id}`)).body;
  for (const r of reviewers) {
    const res = await r.post(`/api/applications/${id}/approve`, { version: last.version });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    last = res.body;
  }
  return last;
}

async function changeToSelfHosted(handlerName: string, englishDomain: string) {
  const handler = await w.as(handlerName);
  const site = (await handler.get('/api/websites')).body.items[0];
  const payload = { type: 'change', websiteId: site.id, hosting: 'self_hosted', websiteName: site.name, englishDomain, ipAddresses: ['115.236.10.31'], description: site.description, handler: handlerContact };
  const res = await handler.post('/api/applications', { payload, submit: true });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { handler, id: res.body.id as string, payload };
}

describe('打印申请表', () => {
  it.each([
    ['jbr.hzczj', 'bb.330100', '党政机关网站资格复核申请表', true],
    ['jbr.nbtsg', 'bb.330200', '事业单位网上名称审核表', false],
  ] as const)('%s (reviewed by %s) gets 《%s》 with every field, and its QR code names the revision', async (handlerName, officeName, title, coverLetter) => {
    const { handler, id } = await changeToSelfHosted(handlerName, 'www.print-test.gov.cn');
    const early = await pdfOf(handler, id);
    expect(early.status).toBe(409);
    await approveThrough(id, [await w.as(officeName), await w.as('center')]);
    const detail = (await handler.get(`/api/applications/${id}`)).body;
    expect(detail.allowedActions).toContain('print');

    const form = await pdfOf(handler, id);
    expect(form.status).toBe(200);
    expect(form.type).toContain('application/pdf');
    const text = squeeze(await pdfText(form.pdf));
    expect(text).toContain(title);
    expect(text).toContain('单位公章');
    expect(text).toContain('负责人签字');
    expect(text).toContain('一式三份');
    expect(text.includes('申请函')).toBe(coverLetter);
    const unit = detail.unit;
    const fields = formFields({
      number: detail.number,
      type: detail.type,
      revision: detail.revision,
      submittedAt: new Date(detail.submittedAt),
      unit: { name: unit.name, type: unit.type, uscc: unit.uscc, address: unit.address, functions: unit.functions },
      domainName: detail.domain.name,
      payload: detail.payload,
    });
    for (const f of fields) {
      expect(text, f.label).toContain(squeeze(f.label));
      expect(text, `${f.label}=${f.value}`).toContain(squeeze(f.value));
    }

    const codes = await pdfQrCodes(form.pdf);
    expect(codes).toHaveLength(coverLetter ? 2 : 1);
    for (const url of codes) {
      expect(url).toBe(`http://127.0.0.1:8080/paper?code=${form.code}`);
      expect(url).toContain(`-R${detail.revision}-`);
    }
    expect(text).toContain(form.code);
  }, 60_000);

  it('is 404 for another unit’s handler and for an office outside the region', async () => {
    const { id } = await changeToSelfHosted('jbr.tlzfb', 'www.print-scope.gov.cn');
    await approveThrough(id, [await w.as('bb.330100'), await w.as('center')]);
    expect((await pdfOf(await w.as('jbr.hzczj'), id)).status).toBe(404);
    expect((await pdfOf(await w.as('bb.330200'), id)).status).toBe(404);
    expect((await pdfOf(await w.as('bb.330000'), id)).status).toBe(200);
  }, 60_000);
});

describe('receiving the paper by its code', () => {
  it('flags paper printed from an old revision and accepts the reprint, marking the form received', async () => {
    const { handler, id, payload } = await changeToSelfHosted('jbr.nbjyj', 'www.print-revision.gov.cn');
    const office = await w.as('bb.330200');
    const center = await w.as('center');
    const atPaper = await approveThrough(id, [office, center]);
    const old = await pdfOf(handler, id);

    // Returned at the paper step, revised and approved again: revision 2.
    await office.post(`/api/applications/${id}/return`, { version: atPaper.version, reasons: [{ field: 'websiteName', reason: '网站名称有误' }] });
    const returned = (await handler.get(`/api/applications/${id}`)).body;
    const revised = await handler.request('PUT', `/api/applications/${id}`, { version: returned.version, payload: { ...payload, websiteName: '宁波市教育局门户网站' } });
    expect(revised.body.revision).toBe(2);
    await approveThrough(id, [office, center]);

    const stale = await office.get(`/api/paper/lookup?code=${encodeURIComponent(old.code)}`);
    expect(stale.status).toBe(200);
    expect(stale.body).toMatchObject({ matches: false, reason: 'old_revision', printedRevision: 1, currentRevision: 2 });
    const refused = await office.post('/api/paper/receive', { code: old.code });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('PAPER_OUTDATED');

    const reprint = await pdfOf(handler, id);
    const [scanned] = await pdfQrCodes(reprint.pdf);
    const ok = await office.post('/api/paper/receive', { code: scanned, receivedOn: '2026-11-27' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const items = (await office.get(`/api/applications/${id}`)).body.paperItems;
    expect(items.find((i: { kind: string }) => i.kind === 'application_form').status).toBe('received');
    expect((await office.get('/api/paper/lookup?code=nonsense')).body.error.code).toBe('PRINT_CODE_INVALID');
    expect((await (await w.as('bb.330100')).get(`/api/paper/lookup?code=${encodeURIComponent(reprint.code)}`)).status).toBe(404);
  }, 60_000);
});
