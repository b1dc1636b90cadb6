/**
 * XML text → bytes in the two encodings exchange files use. UTF-8 holds everything; in windows-1251 a character
 * outside the code page becomes a character reference (`&#x…;`), which is valid in text content only — the
 * writers' tags and prologs are ASCII. One pass into a preallocated buffer: fast enough for files of hundreds of
 * megabytes (no per-character arrays).
 */

export type XmlTextEncoding = 'windows-1251' | 'utf-8';

let cp1251: Uint8Array | undefined;
/** Code unit → windows-1251 byte (0 = not in the code page), built from the platform's own decoder. */
function cp1251Table(): Uint8Array {
  if (!cp1251) {
    cp1251 = new Uint8Array(0x10000);
    const decoded = new TextDecoder('windows-1251').decode(Uint8Array.from({ length: 256 }, (_, i) => i));
    for (let i = 1; i < 256; i++) {
      const unit = decoded.charCodeAt(i);
      if (unit !== 0xfffd) cp1251[unit] = i;
    }
  }
  return cp1251;
}

const utf8 = new TextEncoder();

export function encodeXmlText(text: string, encoding: XmlTextEncoding): Uint8Array {
  if (encoding === 'utf-8') return utf8.encode(text);
  const table = cp1251Table();
  let out = new Uint8Array(text.length);
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const byte = unit < 0x80 ? unit : table[unit]!;
    if (byte !== 0 || unit === 0) {
      out[at++] = byte;
      continue;
    }
    const point = text.codePointAt(i)!;
    if (point > 0xffff) i++;
    const reference = `&#x${point.toString(16)};`;
    if (at + reference.length + (text.length - i) > out.length) {
      const grown = new Uint8Array(out.length * 2 + reference.length);
      grown.set(out.subarray(0, at));
      out = grown;
    }
    for (let k = 0; k < reference.length; k++) out[at++] = reference.charCodeAt(k);
  }
  return at === out.length ? out : out.subarray(0, at);
}
