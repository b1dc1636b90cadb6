/**
 * The character encoding of a SOAP request. МО/СМО systems send UTF-8 or windows-1251 (the encoding FFOMS
 * publications use), declared in the Content-Type charset or only in the XML declaration. Decision: a UTF-8
 * byte-order mark is authoritative, then the Content-Type charset, then the XML declaration's encoding,
 * default UTF-8. Pure functions: no AWS or HTTP types.
 */

export type SoapEncoding = 'utf-8' | 'windows-1251';

export type CharsetDecision =
  | { ok: true; encoding: SoapEncoding; source: 'bom' | 'content-type' | 'prolog' | 'default' }
  | { ok: false; declared: string; source: 'bom' | 'content-type' | 'prolog' };

const aliases: Record<string, SoapEncoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  // ASCII is a subset of UTF-8.
  'us-ascii': 'utf-8',
  ascii: 'utf-8',
  'windows-1251': 'windows-1251',
  'win-1251': 'windows-1251',
  cp1251: 'windows-1251',
  'x-cp1251': 'windows-1251',
};

/** The `charset` parameter of a Content-Type header, lower-cased, or null. */
export function contentTypeCharset(contentType: string | undefined | null): string | null {
  if (!contentType) return null;
  const m = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType);
  const value = (m?.[1] ?? m?.[2] ?? '').trim();
  return value ? value.toLowerCase() : null;
}

/** The encoding named by the XML declaration at the start of the document, lower-cased, or null. */
export function prologEncoding(head: Uint8Array | string): string | null {
  // The declaration is ASCII in every encoding we accept: latin1 maps bytes 1:1 without failing.
  const text =
    typeof head === 'string'
      ? head.slice(0, 512)
      : Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, 512)).toString('latin1');
  const m = /^(?:\uFEFF|\u00EF\u00BB\u00BF)?\s*<\?xml\s[^>]*?\bencoding\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(
    text,
  );
  const value = (m?.[1] ?? m?.[2] ?? '').trim();
  return value ? value.toLowerCase() : null;
}

function hasUtf8Bom(bytes: Uint8Array | string): boolean {
  if (typeof bytes === 'string') return bytes.charCodeAt(0) === 0xfeff;
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

function hasUtf16Bom(bytes: Uint8Array | string): boolean {
  if (typeof bytes === 'string') return false;
  return (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  );
}

/** Which encoding to read a SOAP request body in: BOM, then Content-Type charset, then XML declaration. */
export function soapCharset(
  contentType: string | undefined | null,
  body: Uint8Array | string,
): CharsetDecision {
  if (hasUtf8Bom(body)) return { ok: true, encoding: 'utf-8', source: 'bom' };
  if (hasUtf16Bom(body)) return { ok: false, declared: 'utf-16', source: 'bom' };
  const fromHeader = contentTypeCharset(contentType);
  if (fromHeader) return decide(fromHeader, 'content-type');
  const fromProlog = prologEncoding(body);
  if (fromProlog) return decide(fromProlog, 'prolog');
  return { ok: true, encoding: 'utf-8', source: 'default' };
}

function decide(declared: string, source: 'content-type' | 'prolog'): CharsetDecision {
  const encoding = aliases[declared];
  if (encoding) return { ok: true, encoding, source };
  return { ok: false, declared: declared.slice(0, 40), source };
}

/** After decoding, the text is a JS string: its XML declaration must no longer name a byte encoding other than UTF-8. */
export function declareUtf8(xml: string): string {
  return xml.replace(
    /^(\uFEFF?\s*<\?xml\s[^>]*?\bencoding\s*=\s*)(?:"[^"]*"|'[^']*')/,
    (_, before: string) => `${before}"utf-8"`,
  );
}

export type DecodedSoapBody =
  | { ok: true; text: string; encoding: SoapEncoding }
  | { ok: false; reason: 'unsupported'; declared: string }
  | { ok: false; reason: 'invalid'; encoding: SoapEncoding };

/**
 * Decodes a SOAP request body. Raw bytes are decoded by `soapCharset`; a body that already arrived as text
 * (a gateway decoded it as UTF-8) is taken as is. UTF-8 must be valid: a windows-1251 request that declares
 * nothing is refused rather than read as garbage. The result declares UTF-8 (if it declares anything).
 */
export function decodeSoapBody(
  body: Uint8Array | string,
  contentType: string | undefined | null,
): DecodedSoapBody {
  const decision = soapCharset(contentType, body);
  if (!decision.ok) return { ok: false, reason: 'unsupported', declared: decision.declared };
  if (typeof body === 'string') return { ok: true, text: declareUtf8(body), encoding: decision.encoding };
  let text: string;
  try {
    text = new TextDecoder(decision.encoding, { fatal: true }).decode(body);
  } catch {
    return { ok: false, reason: 'invalid', encoding: decision.encoding };
  }
  return { ok: true, text: declareUtf8(text), encoding: decision.encoding };
}
