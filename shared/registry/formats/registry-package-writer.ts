import { Zip, ZipDeflate } from 'fflate';
import { encodeXmlText, type XmlTextEncoding } from '../../platform/formats/xml-text-encoding';
import { treeElementXml } from '../../platform/formats/xml-tree-writer';
import {
  type Pers,
  type PersHeader,
  pers,
  persHeader,
  type Schet,
  schet,
  type Zap,
  type ZlHeader,
  zap,
  zlHeader,
} from '../domain/registry-tags';
import { placementOf, toPlacement30, zap30 } from './format-version';
import { personFileNameFor, type RegistryFileName } from './package-name';

/**
 * Writes registry-invoice packages (docs/formats/registry-invoice.md) from records of the tag tables: `ZL_LIST`
 * and `PERS_LIST` with children in the tables' order (what the reader checks, so a written package reads back as
 * the same records), windows-1251 by default (characters outside the code page as character references) or
 * UTF-8, zipped with fflate. Everything streams: the text pieces are encoded and deflated as they come, so a
 * package of 200,000 cases is written without being held (`registryPackageChunks` into a file). For tests,
 * the benchmark and the demo; a case may be given as ready XML (`{ xml }`) to inject structure faults.
 */

export type RegistryEncoding = XmlTextEncoding;

/** A `ZAP` element given as text (fault injection: renamed or moved tags). */
export interface RawCase {
  xml: string;
}

export interface RegistryPackageInput {
  /** The main file's name; the package (ZIP) and FILENAME take its base. */
  name: RegistryFileName;
  /** ZGLV/VERSION of the main file (default `3.1`); `3.0` writes ONK_USL and NAPR under USL. */
  version?: string;
  /** ZGLV/DATA of both files, `YYYY-MM-DD`. */
  date: string;
  schet: Schet;
  cases: Iterable<Zap | RawCase>;
  /** SD_Z: the number of cases (default: their number when `cases` is an array). */
  caseCount?: number;
  persons: Iterable<Pers>;
  /** ZGLV/VERSION of the L-file (default `3.2`). */
  personVersion?: string;
  /** Default: the documented L-name of the kind (`LC…` for C-files, `L…` for H). */
  personFileName?: string;
  /** FILENAME1 of the L-file (default: the main file's base name). */
  personOwner?: string;
  encoding?: RegistryEncoding;
  /** Which file comes first in the archive (default the main file). */
  order?: 'cases-first' | 'persons-first';
  /** Pretty-print (newlines and two-space indentation inside records). */
  indent?: boolean;
  /** Deflate level 0–9 (default 6). */
  level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
  /** Entry name extension (default `.XML`). */
  extension?: string;
}

export const defaultRegistryVersion = '3.1';
export const defaultPersonVersion = '3.2';

function prolog(encoding: RegistryEncoding) {
  return `<?xml version="1.0" encoding="${encoding === 'utf-8' ? 'UTF-8' : 'windows-1251'}"?>\n`;
}

/** One `ZAP` element (a line) in the placement of `version`. */
export function zapXml(record: Zap, options: { version?: string; indent?: boolean } = {}): string {
  const legacy = placementOf(options.version ?? defaultRegistryVersion) === '3.0';
  const value = legacy ? toPlacement30(record) : (record as unknown as Record<string, unknown>);
  return `${treeElementXml('ZAP', legacy ? zap30 : zap, value, options.indent ? '  ' : undefined)}\n`;
}

/** One `PERS` element (a line). */
export function persXml(record: Pers, options: { indent?: boolean } = {}): string {
  return `${treeElementXml('PERS', pers, record as unknown as Record<string, unknown>, options.indent ? '  ' : undefined)}\n`;
}

function caseCountOf(input: RegistryPackageInput): number {
  if (input.caseCount !== undefined) return input.caseCount;
  if (Array.isArray(input.cases)) return input.cases.length;
  throw new Error('caseCount (SD_Z) is required when the cases are not an array');
}

/** The main file as text pieces: prolog, ZGLV and SCHET, one piece per case, the closing tag. */
export function* zlListText(input: RegistryPackageInput): Generator<string> {
  const encoding = input.encoding ?? 'windows-1251';
  const version = input.version ?? defaultRegistryVersion;
  const indent = input.indent ? '  ' : undefined;
  const header: ZlHeader = {
    VERSION: version,
    DATA: input.date,
    FILENAME: input.name.base,
    SD_Z: String(caseCountOf(input)),
  };
  yield `${prolog(encoding)}<ZL_LIST>\n${treeElementXml('ZGLV', zlHeader, header, indent)}\n${treeElementXml('SCHET', schet, input.schet as unknown as Record<string, unknown>, indent)}\n`;
  for (const c of input.cases)
    yield 'xml' in c ? c.xml : zapXml(c, { version, indent: input.indent ?? false });
  yield '</ZL_LIST>\n';
}

/** The L-file as text pieces. */
export function* persListText(input: RegistryPackageInput): Generator<string> {
  const encoding = input.encoding ?? 'windows-1251';
  const header: PersHeader = {
    VERSION: input.personVersion ?? defaultPersonVersion,
    DATA: input.date,
    FILENAME: input.personFileName ?? personFileNameFor(input.name),
    FILENAME1: input.personOwner ?? input.name.base,
  };
  yield `${prolog(encoding)}<PERS_LIST>\n${treeElementXml('ZGLV', persHeader, header, input.indent ? '  ' : undefined)}\n`;
  for (const p of input.persons) yield persXml(p, { indent: input.indent ?? false });
  yield '</PERS_LIST>\n';
}

/** Text pieces joined into ~256 KB and encoded. */
function* encoded(pieces: Iterable<string>, encoding: RegistryEncoding): Generator<Uint8Array> {
  let buffer = '';
  for (const piece of pieces) {
    buffer += piece;
    if (buffer.length >= 262_144) {
      yield encodeXmlText(buffer, encoding);
      buffer = '';
    }
  }
  if (buffer) yield encodeXmlText(buffer, encoding);
}

/** The package's file names: the ZIP, the main file and the L-file entries. */
export function registryPackageNames(
  input: Pick<RegistryPackageInput, 'name' | 'personFileName' | 'extension'>,
) {
  const extension = input.extension ?? '.XML';
  return {
    fileName: `${input.name.base}.ZIP`,
    caseEntry: `${input.name.base}${extension}`,
    personEntry: `${input.personFileName ?? personFileNameFor(input.name)}${extension}`,
  };
}

/** The package as ZIP bytes, chunk by chunk (write them to a file or a request as they come). */
export function* registryPackageChunks(input: RegistryPackageInput): Generator<Uint8Array> {
  const encoding = input.encoding ?? 'windows-1251';
  const names = registryPackageNames(input);
  const out: Uint8Array[] = [];
  const zip = new Zip((error, data) => {
    if (error) throw error;
    out.push(data);
  });
  const files: [string, Iterable<string>][] = [
    [names.caseEntry, zlListText(input)],
    [names.personEntry, persListText(input)],
  ];
  if (input.order === 'persons-first') files.reverse();
  for (const [entryName, text] of files) {
    const entry = new ZipDeflate(entryName, { level: input.level ?? 6 });
    // Entries dated by ZGLV/DATA: the same input gives the same bytes.
    entry.mtime = `${input.date}T12:00:00`;
    zip.add(entry);
    for (const bytes of encoded(text, encoding)) {
      entry.push(bytes);
      if (out.length) yield* out.splice(0);
    }
    entry.push(new Uint8Array(0), true);
    if (out.length) yield* out.splice(0);
  }
  zip.end();
  yield* out.splice(0);
}

/** The whole package: `{ fileName: '<name>.ZIP', bytes }`. */
export function writeRegistryPackage(input: RegistryPackageInput): { fileName: string; bytes: Uint8Array } {
  const parts = [...registryPackageChunks(input)];
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return { fileName: registryPackageNames(input).fileName, bytes };
}
