import QRCode from 'qrcode';
import { formFields, formTitle, printCode, printedContentHash, type FormData } from '../domain/forms/form-fields.js';
import { pdfToolkit } from './font.js';

export interface PrintedForm {
  pdf: Buffer;
  code: string;
  verifyUrl: string;
  contentHash: string;
}

type Doc = InstanceType<ReturnType<typeof pdfToolkit>['PDFDocument']>;

const A4 = { width: 595.28, height: 841.89 };
const margin = 56;
const labelWidth = 120;
const tableWidth = A4.width - margin * 2;

/** A page's frame: who it belongs to (number, revision) and the QR code of the verification URL. */
function frame(doc: Doc, code: string, qr: Buffer, number: string, revision: number, page: number) {
  doc.font('regular').fontSize(8).fillColor('#555');
  doc.text(`申请编号：${number}　第${revision}版`, margin, 28, { lineBreak: false });
  doc.image(qr, A4.width - margin - 64, 18, { width: 64 });
  doc.text(`核验码：${code}　第${page}页`, margin, A4.height - 40, { lineBreak: false });
  doc.fillColor('#000');
}

function coverLetter(doc: Doc, d: FormData, officeName: string) {
  const p = d.payload;
  const site = p.type === 'deregister' ? '' : `“${p.websiteName}”`;
  doc.font('bold').fontSize(20).text('申请函', margin, 110, { width: tableWidth, align: 'center' });
  doc.moveDown(1.5).font('regular').fontSize(12);
  doc.text(`${officeName}：`, { width: tableWidth });
  doc.moveDown(0.8);
  doc.text(
    `　　我单位${d.unit.name}（统一社会信用代码：${d.unit.uscc}）现就网站${site}（中文域名：${d.domainName}）提交${formTitle[d.unit.type]}，申请类型为“${
      { new_site: '新开办网站申请', re_review: '已开办网站资格复核', change: '变更', deregister: '注销' }[d.type]
    }”。我单位承诺所填信息真实、准确，并对网站内容安全负责。特此申请。`,
    { width: tableWidth, lineGap: 6 },
  );
  doc.moveDown(4);
  doc.text('单位（公章）：', margin + 250, doc.y, { width: 200 });
  doc.moveDown(2);
  doc.text('负责人签字：', margin + 250, doc.y, { width: 200 });
  doc.moveDown(2);
  doc.text('日期：　　　　年　　月　　日', margin + 250, doc.y, { width: 200 });
}

function table(doc: Doc, d: FormData, top: number) {
  let y = top;
  doc.font('regular').fontSize(10.5);
  for (const f of formFields(d)) {
    const valueWidth = tableWidth - labelWidth - 12;
    const h = Math.max(24, doc.heightOfString(f.value || ' ', { width: valueWidth }) + 12, doc.heightOfString(f.label, { width: labelWidth - 12 }) + 12);
    doc.rect(margin, y, labelWidth, h).stroke();
    doc.rect(margin + labelWidth, y, tableWidth - labelWidth, h).stroke();
    doc.text(f.label, margin + 6, y + 6, { width: labelWidth - 12 });
    doc.text(f.value, margin + labelWidth + 6, y + 6, { width: valueWidth });
    y += h;
  }
  return y;
}

function signatureBoxes(doc: Doc, y: number) {
  const w = (tableWidth - 12) / 2;
  doc.rect(margin, y, w, 96).stroke();
  doc.rect(margin + w + 12, y, w, 96).stroke();
  doc.fontSize(10.5).text('单位公章', margin + 6, y + 6).text('负责人签字', margin + w + 18, y + 6);
  doc.text('年　　月　　日', margin + 6, y + 74, { width: w - 12, align: 'right' });
  doc.text('年　　月　　日', margin + w + 18, y + 74, { width: w - 12, align: 'right' });
  doc.fontSize(9.5).text('本表一式三份，加盖单位公章后一份由单位留存，两份连同经办人身份证复印件（加盖单位公章）报送同级编办。', margin, y + 108, { width: tableWidth });
}

/**
 * 打印申请表: the form of the unit's type, filled from the application's current revision. Every
 * page carries the application number, the revision and a QR code of the verification URL, whose
 * code includes a hash of exactly what is printed.
 */
export async function renderApplicationForm(d: FormData, o: { consoleUrl: string; officeName: string; printedAt: Date }): Promise<PrintedForm> {
  const { PDFDocument, regular, bold } = pdfToolkit();
  const hash = printedContentHash(formFields(d));
  const code = printCode(d.number, d.revision, hash);
  const verifyUrl = `${o.consoleUrl}/paper?code=${code}`;
  const qr = await QRCode.toBuffer(verifyUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 1, scale: 4 });
  const doc = new PDFDocument({ size: 'A4', margin, autoFirstPage: false, info: { Title: formTitle[d.unit.type], Subject: code, Creator: '网上名称注册管理系统' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  let page = 0;
  const newPage = () => {
    doc.addPage();
    page += 1;
    frame(doc, code, qr, d.number, d.revision, page);
  };
  if (d.unit.type === 'party_government') {
    newPage();
    coverLetter(doc, d, o.officeName);
  }
  newPage();
  doc.font('bold').fontSize(17).text(`《${formTitle[d.unit.type]}》`, margin, 100, { width: tableWidth, align: 'center' });
  const printed = o.printedAt.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  doc.font('regular').fontSize(9).text(`打印时间：${printed}`, margin, 128, { width: tableWidth, align: 'right' });
  const end = table(doc, d, 146);
  if (end + 150 > A4.height - 60) newPage();
  signatureBoxes(doc, end + 150 > A4.height - 60 ? 100 : end + 16);
  doc.end();
  return { pdf: await done, code, verifyUrl, contentHash: hash };
}
