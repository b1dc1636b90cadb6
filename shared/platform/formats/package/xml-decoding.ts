import { type FlkIssue, flkError } from '../../flk/issue';
import { type ByteChunks, peek } from './byte-stream';
import { mebibytes, type PackageRules, packageRefusal, packageTooLarge } from './package-refusal';

/**
 * XML bytes → text, decoded incrementally as the prolog declares: windows-1251 or UTF-8 (a UTF-8 byte-order
 * mark wins; nothing declared means UTF-8, XML 1.0 §4.3.3, unless the family says otherwise). Content that is
 * not in the declared encoding, another encoding, UTF-16, an empty file or one that is no XML at all, and more
 * bytes than allowed are refused (F012 801).
 *
 * A file declared windows-1251 but written in UTF-8 (a common editor mistake) would turn every Cyrillic letter
 * into two wrong ones. Its bytes decide: when the first 16 KB hold non-ASCII bytes that are all valid UTF-8 —
 * which single-byte Cyrillic text practically never is — the file is read as UTF-8 and `onIssue` gets a warning
 * (the file is not rejected). When the first 16 KB are plain ASCII, the rest is watched; a file that turns out
 * to be UTF-8 after its text was handed on is refused (801) rather than stored garbled.
 */

export type XmlEncoding = 'windows-1251' | 'utf-8';

export interface XmlDecodeOptions {
  rules: PackageRules;
  /** Bytes of XML accepted. */
  maxBytes: number;
  /** The encoding of a file whose prolog declares none (default UTF-8). */
  defaultEncoding?: XmlEncoding;
  /** Receives warnings about the file (a windows-1251 declaration over UTF-8 content, read as UTF-8). */
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
  const said = declared ?? named;
  let encoding: XmlEncoding = bom ? 'utf-8' : named;
  // The bytes decide over a windows-1251 declaration (see above); `watch` checks a plain-ASCII start's rest.
  const head8 = encoding === 'windows-1251' ? utf8Verdict(head) : 'other';
  const switched = head8 === 'utf-8';
  if (switched) {
    encoding = 'utf-8';
    options.onIssue?.({
      ...flkError(
        rules.format,
        '801',
        'Файл объявлен в кодировке windows-1251, но записан в UTF-8; он прочитан как UTF-8. Укажите в прологе XML encoding="UTF-8"',
        'encoding',
        said,
      ),
      severity: 'warning',
    });
  }
  const watch = head8 === 'ascii' ? new Utf8Watch() : null;
  const decoder = new TextDecoder(encoding, { fatal: true });
  const decode = (chunk?: Uint8Array) => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw refuse(
        switched
          ? 'Файл объявлен в кодировке windows-1251, начало его записано в UTF-8, а продолжение — нет: сохраните файл в одной кодировке'
          : `Содержимое файла не соответствует кодировке ${encoding}`,
        'encoding',
        switched ? said : encoding,
      );
    }
  };
  let size = 0;
  for await (const chunk of all) {
    size += chunk.length;
    if (size > maxBytes)
      throw packageTooLarge(rules.format, `Размер XML превышает допустимый (${mebibytes(maxBytes)} МБ)`);
    watch?.push(chunk);
    const text = decode(chunk);
    if (text) yield text;
  }
  const rest = decode();
  if (watch?.isUtf8()) {
    throw refuse(
      'Файл объявлен в кодировке windows-1251, но записан в UTF-8: кириллица была бы прочитана неверно. Укажите в прологе XML encoding="UTF-8" или сохраните файл в windows-1251',
      'encoding',
      said,
    );
  }
  if (rest) yield rest;
}

/**
 * What a window of bytes is: plain ASCII (the same in both encodings), UTF-8 with non-ASCII characters, or
 * neither. Single-byte Cyrillic (windows-1251) is almost never valid UTF-8 — a letter byte (0xC0–0xFF) would
 * have to be followed by 0x80–0xBF — so non-ASCII bytes that all decode as UTF-8 are UTF-8.
 */
export function utf8Verdict(head: Uint8Array): 'ascii' | 'utf-8' | 'other' {
  if (!head.some((b) => b >= 0x80)) return 'ascii';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'other';
  }
}

/** Follows a stream that started in ASCII: is it, at its end, UTF-8 with non-ASCII characters? */
class Utf8Watch {
  private decoder: TextDecoder | null = new TextDecoder('utf-8', { fatal: true });
  private nonAscii = false;

  push(chunk: Uint8Array) {
    if (!this.decoder) return;
    try {
      // Decoded UTF-16 is shorter than its bytes exactly when a multi-byte sequence was among them.
      if (this.decoder.decode(chunk, { stream: true }).length !== chunk.length) this.nonAscii = true;
    } catch {
      this.decoder = null; // not UTF-8: single-byte text, as declared
    }
  }

  isUtf8(): boolean {
    if (!this.decoder) return false;
    try {
      this.decoder.decode();
    } catch {
      return false;
    }
    return this.nonAscii;
  }
}
