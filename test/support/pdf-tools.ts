import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import jsqrModule from 'jsqr';
import { PNG } from 'pngjs';

const run = promisify(execFile);
// jsqr is CommonJS with an ES-style default export: depending on the loader the default import is
// the function itself or the module object holding it.
type Decode = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const loaded = jsqrModule as unknown as Decode | { default: Decode };
const jsQR: Decode = typeof loaded === 'function' ? loaded : loaded.default;

/** Text of a PDF as poppler's pdftotext sees it (Debian poppler-utils). */
export async function pdfText(pdf: Buffer): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'zm-pdf-'));
  const file = path.join(dir, 'form.pdf');
  writeFileSync(file, pdf);
  const { stdout } = await run('pdftotext', ['-layout', file, '-']);
  return stdout;
}

/** Renders every page to PNG with pdftoppm and decodes the QR code found on each. */
export async function pdfQrCodes(pdf: Buffer): Promise<string[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'zm-pdf-'));
  const file = path.join(dir, 'form.pdf');
  writeFileSync(file, pdf);
  await run('pdftoppm', ['-r', '150', '-png', file, path.join(dir, 'page')]);
  const pages = readdirSync(dir).filter((f) => f.startsWith('page') && f.endsWith('.png')).sort();
  return pages.map((p) => {
    const png = PNG.sync.read(readFileSync(path.join(dir, p)));
    const found = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height);
    return found?.data ?? '';
  });
}

/** pdftotext breaks lines where it likes: compare without white space. */
export const squeeze = (s: string) => s.replace(/\s+/g, '');
