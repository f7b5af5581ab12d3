/**
 * The character encoding of a home page, decided as browsers do it: a byte-order mark, then the
 * Content-Type header's charset, then a `<meta charset>` or `<meta http-equiv="Content-Type">`
 * in the first 4 KB; without any, UTF-8 when the bytes are valid UTF-8 and GB18030 otherwise
 * (the legacy encoding of Chinese sites). GB2312 and GBK labels decode as GB18030, their
 * superset, as the WHATWG Encoding Standard does.
 */
import iconv from 'iconv-lite';

export interface DetectedCharset {
  /** The encoding used to decode (iconv-lite name). */
  charset: string;
  source: 'bom' | 'header' | 'meta' | 'sniffed';
}

const aliases: Record<string, string> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  gb2312: 'gb18030',
  gbk: 'gb18030',
  'x-gbk': 'gb18030',
  gb18030: 'gb18030',
  cp936: 'gb18030',
  'windows-936': 'gb18030',
  'iso-ir-58': 'gb18030',
  chinese: 'gb18030',
  'csgb2312': 'gb18030',
  big5: 'big5',
  'big5-hkscs': 'big5',
  'x-x-big5': 'big5',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  'utf-16': 'utf-16le',
  'iso-8859-1': 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  latin1: 'windows-1252',
  'windows-1252': 'windows-1252',
};

/** An encoding label as iconv-lite knows it, or null when we do not decode it. */
export function normaliseCharsetLabel(label: string): string | null {
  const l = label.trim().replace(/^["']|["']$/g, '').toLowerCase();
  const known = aliases[l];
  if (known !== undefined) return known;
  return iconv.encodingExists(l) ? l : null;
}

/** The charset parameter of a Content-Type header value. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (contentType === null || contentType === undefined) return null;
  const m = /;\s*charset\s*=\s*("?)([^";,\s]+)\1/i.exec(contentType);
  return m?.[2] ?? null;
}

/** `<meta charset="gbk">` or `<meta http-equiv="Content-Type" content="text/html; charset=gbk">` in the head. */
export function charsetFromMeta(head: string): string | null {
  const withoutComments = head.replace(/<!--[\s\S]*?-->/g, '');
  for (const tag of withoutComments.match(/<meta\b[^>]*>/gi) ?? []) {
    const direct = /\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i.exec(tag);
    if (direct?.[1] !== undefined) return direct[1];
  }
  return null;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  // A multi-byte sequence cut off by the 2 MB cap is still UTF-8: drop a trailing partial character.
  let end = bytes.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = bytes[end - back] ?? 0;
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    if (need > back) end -= back;
    break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

export function detectCharset(bytes: Uint8Array, contentType: string | null): DetectedCharset {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: 'utf-8', source: 'bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', source: 'bom' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', source: 'bom' };
  const fromHeader = charsetFromContentType(contentType);
  const headerCharset = fromHeader === null ? null : normaliseCharsetLabel(fromHeader);
  if (headerCharset !== null) return { charset: headerCharset, source: 'header' };
  // The head is ASCII-compatible in every encoding we meet; latin1 keeps bytes one-to-one.
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const fromMeta = charsetFromMeta(head);
  const metaCharset = fromMeta === null ? null : normaliseCharsetLabel(fromMeta);
  // A page that says UTF-16 in a meta tag was readable as ASCII, so it is not UTF-16 (HTML spec).
  if (metaCharset !== null) return { charset: metaCharset.startsWith('utf-16') ? 'utf-8' : metaCharset, source: 'meta' };
  return { charset: isValidUtf8(bytes) ? 'utf-8' : 'gb18030', source: 'sniffed' };
}

/** The page as text, in its detected encoding (a BOM is dropped). */
export function decodePage(bytes: Uint8Array, contentType: string | null): { text: string; charset: DetectedCharset } {
  const charset = detectCharset(bytes, contentType);
  const text = iconv.decode(Buffer.from(bytes), charset.charset, { stripBOM: true });
  return { text, charset };
}
