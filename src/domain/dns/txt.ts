/**
 * TXT data on the wire is a sequence of <character-string>s of at most 255 octets each
 * (RFC 1035 §3.3); our TXT values are up to 2048 characters of UTF-8, so they are split.
 */

export const characterStringMax = 255;

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/**
 * Splits `text` into character-strings of at most `max` UTF-8 octets, never inside a code point,
 * so that each piece decodes on its own. The empty text is one empty character-string.
 */
export function splitCharacterStrings(text: string, max = characterStringMax): string[] {
  const out: string[] = [];
  let piece = '';
  let bytes = 0;
  for (const ch of text) {
    const n = utf8Length(ch.codePointAt(0) ?? 0);
    if (bytes + n > max) {
      out.push(piece);
      piece = '';
      bytes = 0;
    }
    piece += ch;
    bytes += n;
  }
  if (piece !== '' || out.length === 0) out.push(piece);
  return out;
}

const plainPrintable = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/**
 * A character-string in master-file form: double quotes, `"` and `\` escaped, and every octet
 * outside printable ASCII (so each UTF-8 byte of 汉字) as `\DDD` — RFC 1035 §5.1.
 */
export function quoteCharacterString(s: string): string {
  if (plainPrintable.test(s)) return `"${s}"`;
  let out = '"';
  for (const byte of Buffer.from(s, 'utf8')) {
    if (byte === 0x22 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`;
    else if (byte >= 0x20 && byte <= 0x7e) out += String.fromCharCode(byte);
    else out += `\\${String(byte).padStart(3, '0')}`;
  }
  return `${out}"`;
}
