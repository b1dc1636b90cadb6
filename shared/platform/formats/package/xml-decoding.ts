import { type FlkIssue, flkError } from '../../flk/issue';
import { type ByteChunks, peek } from './byte-stream';
import { mebibytes, type PackageRules, packageRefusal, packageTooLarge } from './package-refusal';

/**
 * XML bytes → text, decoded incrementally as the prolog declares: windows-1251 or UTF-8 (a UTF-8 byte-order
 * mark wins; nothing declared means UTF-8, XML 1.0 §4.3.3, unless the family says otherwise). Content that is
 * not in the declared encoding, another encoding, UTF-16, an empty file or one that is no XML at all, and more
 * bytes than allowed are refused (F012 801).
 */

export type XmlEncoding = 'windows-1251' | 'utf-8';

export interface XmlDecodeOptions {
  rules: PackageRules;
  /** Bytes of XML accepted. */
  maxBytes: number;
  /** The encoding of a file whose prolog declares none (default UTF-8). */
  defaultEncoding?: XmlEncoding;
  /** Receives warnings about the file (a windows-1251 declaration over UTF-8 content). */
  onIssue?: (issue: FlkIssue) => void;
}

const encodings: Record<string, XmlEncoding> = {
  'windows-1251': 'windows-1251',
  cp1251: 'windows-1251',
  'utf-8': 'utf-8',
  utf8: 'utf-8',
};

/** Bytes looked at before decoding: the prolog, and a window to spot UTF-8 declared as windows-1251. */
const window = 16 * 1024;

export async function* decodeXml(bytes: ByteChunks, options: XmlDecodeOptions): AsyncGenerator<string> {
  const { rules, maxBytes } = options;
  const refuse = (message: string, field?: string, value?: string) =>
    packageRefusal(rules.format, '801', message, field, value);
  const { head, all } = await peek(bytes, window);
  if (head.length === 0) throw refuse('Файл пуст');
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw refuse('Кодировка UTF-16 не поддерживается: используйте windows-1251 или UTF-8');
  }
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  const start = bom ? 3 : 0;
  const prolog = String.fromCharCode(...head.subarray(start, Math.min(head.length, start + 256)));
  if (!/^\s*</.test(prolog)) throw refuse('Файл не является ни ZIP-архивом, ни XML-документом');
  const declared = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(prolog)?.[1];
  const named = declared ? encodings[declared.toLowerCase()] : (options.defaultEncoding ?? 'utf-8');
  if (!named) {
    throw refuse('Кодировка не поддерживается: используйте windows-1251 или UTF-8', 'encoding', declared);
  }
  const encoding = bom ? 'utf-8' : named;
  if (encoding === 'windows-1251' && options.onIssue && looksLikeUtf8(head)) {
    options.onIssue({
      ...flkError(
        rules.format,
        '801',
        'Файл объявлен в кодировке windows-1251, но записан, по-видимому, в UTF-8: кириллица будет прочитана неверно',
        'encoding',
        declared ?? encoding,
      ),
      severity: 'warning',
    });
  }
  const decoder = new TextDecoder(encoding, { fatal: true });
  const decode = (chunk?: Uint8Array) => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw refuse(`Содержимое файла не соответствует кодировке ${encoding}`, 'encoding', encoding);
    }
  };
  let size = 0;
  for await (const chunk of all) {
    size += chunk.length;
    if (size > maxBytes)
      throw packageTooLarge(rules.format, `Размер XML превышает допустимый (${mebibytes(maxBytes)} МБ)`);
    const text = decode(chunk);
    if (text) yield text;
  }
  const rest = decode();
  if (rest) yield rest;
}

/**
 * Single-byte Cyrillic (windows-1251) is almost never valid UTF-8 — a letter byte (0xC0–0xFF) would have to be
 * followed by 0x80–0xBF — so a window with bytes above ASCII that decodes as UTF-8 is UTF-8.
 */
function looksLikeUtf8(head: Uint8Array): boolean {
  if (!head.some((b) => b >= 0x80)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}
