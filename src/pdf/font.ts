import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type PDFDocumentType from 'pdfkit';

const require = createRequire(import.meta.url);

/** Noto Sans SC (full TTF from npm, no system font): regular and bold. */
export const fontFiles = {
  regular: require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
};

interface Fontkit {
  create(buffer: Uint8Array, postscriptName?: string): unknown;
}

let loaded: { PDFDocument: typeof PDFDocumentType; regular: Buffer; bold: Buffer } | undefined;

/**
 * pdfkit and the font buffers, loaded once per process. pdfkit asks fontkit to parse the font
 * for every document, and the first layout of a CJK font parses its large cmap (~300 ms). So,
 * before pdfkit is first required, the module cache's fontkit is replaced by one whose `create`
 * is memoised per buffer: every document shares one parsed font and its caches (pdfkit still
 * embeds a fresh subset in each document).
 */
export function pdfToolkit(): { PDFDocument: typeof PDFDocumentType; regular: Buffer; bold: Buffer } {
  if (loaded !== undefined) return loaded;
  const fontkitPath = require.resolve('fontkit');
  const original = require(fontkitPath) as Fontkit;
  const parsed = new WeakMap<Uint8Array, unknown>();
  const memoised: Fontkit = {
    ...original,
    create: (buffer, postscriptName) => {
      if (postscriptName !== undefined) return original.create(buffer, postscriptName);
      const hit = parsed.get(buffer);
      if (hit !== undefined) return hit;
      const font = original.create(buffer);
      parsed.set(buffer, font);
      return font;
    },
  };
  const entry = require.cache[fontkitPath];
  if (entry !== undefined) entry.exports = memoised;
  const PDFDocument = require('pdfkit') as typeof PDFDocumentType;
  loaded = { PDFDocument, regular: readFileSync(fontFiles.regular), bold: readFileSync(fontFiles.bold) };
  return loaded;
}
