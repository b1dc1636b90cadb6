import type { FlkIssue } from '../../flk/issue';
import { type ByteChunks, isZip, peek } from './byte-stream';
import { mebibytes, type PackageRules, packageTooLarge } from './package-refusal';
import { decodeXml, type XmlEncoding } from './xml-decoding';
import { unzipSingleXml, zipEntries, zipLimits } from './zip-entries';

/**
 * Opening a received file as XML text, for every file family: bytes → ZIP detection and streaming unzip with
 * caps (zip-entries.ts) → decoding as the prolog declares (xml-decoding.ts). The text then goes to
 * `readXmlElements` (saxes) or `readFlatXml` (header + records). Every refusal is a `Refusal` with F012 801.
 */

export interface XmlPackageOptions {
  rules: PackageRules;
  /** Bytes of XML accepted (after unzipping). Default 1 GiB. */
  maxXmlBytes?: number;
  /** Inflated ÷ compressed ratio beyond which an archive is refused. Default 200. */
  maxRatio?: number;
  /** Bytes of the received file itself (zipped or not). Default: no cap beyond `maxXmlBytes`. */
  maxFileBytes?: number;
  /** The encoding of XML whose prolog declares none. Default UTF-8. */
  defaultEncoding?: XmlEncoding;
  /** Receives warnings about the file (see `decodeXml`). */
  onIssue?: (issue: FlkIssue) => void;
}

export interface XmlDocument {
  /** The entry's name in the archive; null for a plain XML file. */
  name: string | null;
  text: AsyncIterable<string>;
}

/** Counts the received bytes and refuses beyond `maxFileBytes`. */
async function* capped(chunks: ByteChunks, options: XmlPackageOptions): AsyncGenerator<Uint8Array> {
  const max = options.maxFileBytes;
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    if (max !== undefined && size > max) {
      throw packageTooLarge(options.rules.format, `Файл больше допустимого (${mebibytes(max)} МБ)`);
    }
    yield chunk;
  }
}

function decodeOptions(options: XmlPackageOptions) {
  return {
    rules: options.rules,
    maxBytes: options.maxXmlBytes ?? zipLimits.maxInflatedBytes,
    ...(options.defaultEncoding ? { defaultEncoding: options.defaultEncoding } : {}),
    ...(options.onIssue ? { onIssue: options.onIssue } : {}),
  };
}

function zipOptions(options: XmlPackageOptions) {
  return {
    rules: options.rules,
    limits: {
      maxInflatedBytes: options.maxXmlBytes ?? zipLimits.maxInflatedBytes,
      maxRatio: options.maxRatio ?? zipLimits.maxRatio,
    },
  };
}

/** The text of the one XML document a file holds: a ZIP with exactly one `.xml` file, or the XML itself. */
export async function* openXmlText(chunks: ByteChunks, options: XmlPackageOptions): AsyncGenerator<string> {
  const { head, all } = await peek(capped(chunks, options), 4);
  const xml = isZip(head) ? unzipSingleXml(all, zipOptions(options)) : all;
  yield* decodeXml(xml, decodeOptions(options));
}

/**
 * The XML documents of a file, one after the other: the `.xml` entries of a ZIP that `select` takes (e.g. the
 * H- and L-files of a registry), or a plain XML file as one document. Read each document's text before asking
 * for the next one.
 */
export async function* openXmlDocuments(
  chunks: ByteChunks,
  options: XmlPackageOptions & { maxEntries?: number; select?: (name: string) => boolean },
): AsyncGenerator<XmlDocument> {
  const { head, all } = await peek(capped(chunks, options), 4);
  if (!isZip(head)) {
    yield { name: null, text: decodeXml(all, decodeOptions(options)) };
    return;
  }
  const base = zipOptions(options);
  const select = options.select ?? ((name: string) => /\.xml$/i.test(name));
  for await (const entry of zipEntries(all, {
    ...base,
    limits: { ...base.limits, ...(options.maxEntries ? { maxEntries: options.maxEntries } : {}) },
    select,
  })) {
    yield { name: entry.name, text: decodeXml(entry.chunks, decodeOptions(options)) };
  }
}
