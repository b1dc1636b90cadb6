import type { FlkIssue } from '../../../platform/flk/issue';
import { isIsoDate } from '../../../platform/formats/iso-date';
import {
  type FlatRecord,
  type FlatRecordSchema,
  readFlatXml,
} from '../../../platform/formats/package/flat-xml-records';
import { type PackageRules, packageRefusal } from '../../../platform/formats/package/package-refusal';
import { openXmlText } from '../../../platform/formats/package/xml-package';
import { type TFileSpec, tFamilyTables } from './t-family-tags';
import { parseTFileName, type SenderKind, type TFileType, tFamilyFormat } from './t-file-name';
import { type TContext, type TRecordOf, zapToRecord } from './t-record-mapping';

/**
 * Reader of T-family files (docs/formats/t-family.md): the platform opens the package (ZIP or XML, caps,
 * encoding, DOCTYPE refused) and reads its header and `ZAP` records (`readFlatXml`); the file type and sender
 * come from ZGLV/FILENAME and choose the tag table. A record with format errors is an `invalid` item (the rest
 * go on); a broken file (not ZIP/XML, malformed XML, DOCTYPE, header, name) is a `Refusal`.
 */

export interface TFileHeader {
  format: typeof tFamilyFormat.id;
  version: string;
  type: TFileType;
  /** ZGLV/DATA, `YYYY-MM-DD` */
  date: string;
  /** ZGLV/FILENAME */
  fileName: string;
  senderKind: SenderKind;
  senderCode: string;
}

export type TFileItem<T extends TFileType = TFileType> =
  | { kind: 'header'; header: TFileHeader }
  | { kind: 'record'; ordinal: number; type: T; record: TRecordOf[T]; context: TContext }
  | { kind: 'invalid'; ordinal: number; sourceId: string | null; issues: FlkIssue[] };

export interface TFileReadOptions {
  /** The name the file arrived under: when it follows the pattern, it must name the same type and sender. */
  uploadName?: string;
  /** Limit of the XML after unzipping (default 100 MB). */
  maxXmlBytes?: number;
  /** Limit of `ZAP` records (default 200,000). */
  maxRecords?: number;
  /** Receives warnings about the file as a whole (a windows-1251 declaration over UTF-8 bytes). */
  onIssue?: (issue: FlkIssue) => void;
}

export const supportedVersions = [tFamilyFormat.version] as const;

const rules: PackageRules = {
  format: 'TFILE.PACKAGE.FORMAT',
  xml: 'TFILE.PACKAGE.XML',
  header: 'TFILE.PACKAGE.XML',
};

function refuse(code: string, message: string, field?: string, value?: string) {
  return packageRefusal(code === '802' ? 'TFILE.PACKAGE.NAME' : rules.xml, code, message, field, value);
}

function header(fields: Record<string, string>, uploadName: string | undefined): TFileHeader {
  const version = fields.VERSION?.trim() || tFamilyFormat.version;
  if (!(supportedVersions as readonly string[]).includes(version)) {
    throw refuse(
      '904',
      `Версия формата ${version} не поддерживается (ожидается ${tFamilyFormat.version})`,
      'ZGLV.VERSION',
      version,
    );
  }
  const date = fields.DATA?.trim() ?? '';
  if (!date) throw refuse('902', 'Отсутствует обязательное поле DATA заголовка', 'ZGLV.DATA');
  if (!isIsoDate(date)) throw refuse('903', 'Дата DATA должна быть в формате ГГГГ-ММ-ДД', 'ZGLV.DATA', date);
  const fileName = fields.FILENAME?.trim() ?? '';
  if (!fileName) throw refuse('902', 'Отсутствует обязательное поле FILENAME заголовка', 'ZGLV.FILENAME');
  const name = parseTFileName(fileName);
  if (!name) {
    throw refuse(
      '802',
      'Имя файла FILENAME должно иметь вид T<1–6>-<M|S|T>-<код отправителя>-<ГГГГ-ММ-ДД>',
      'ZGLV.FILENAME',
      fileName.slice(0, 100),
    );
  }
  const uploaded = uploadName ? parseTFileName(uploadName) : null;
  if (uploaded && (uploaded.type !== name.type || uploaded.senderCode !== name.senderCode)) {
    throw refuse(
      '802',
      'Имя загруженного файла не совпадает с FILENAME заголовка (тип или отправитель)',
      'ZGLV.FILENAME',
      fileName,
    );
  }
  return {
    format: tFamilyFormat.id,
    version,
    type: name.type,
    date,
    fileName,
    senderKind: name.senderKind,
    senderCode: name.senderCode,
  };
}

/** What the records of each type hold, as the platform reader wants it (built once). */
const schemas = Object.fromEntries(
  Object.entries(tFamilyTables).map(([type, spec]: [string, TFileSpec]) => [
    type,
    {
      leaves: new Set(['N_ZAP', ...spec.tags.map((t) => t.tag), ...spec.ignored]),
      groups: new Map(spec.groups.map((g) => [g.tag, { leaves: new Set(g.tags.map((t) => t.tag)) }])),
    },
  ]),
) as unknown as Record<TFileType, FlatRecordSchema>;

/** Reads a T-file: the header first, then every `ZAP` (its canonical record, or its format errors). */
export async function* readTFile(
  chunks: AsyncIterable<Uint8Array>,
  options: TFileReadOptions = {},
): AsyncGenerator<TFileItem> {
  const text = openXmlText(chunks, {
    rules,
    maxXmlBytes: options.maxXmlBytes ?? 100 * 1024 ** 2,
    ...(options.onIssue ? { onIssue: options.onIssue } : {}),
  });
  let fileHeader: TFileHeader | undefined;
  for await (const item of readFlatXml(text, {
    root: 'ZL_LIST',
    header: 'ZGLV',
    headerLeaves: new Set(['VERSION', 'DATA', 'FILENAME']),
    record: 'ZAP',
    maxRecords: options.maxRecords ?? 200_000,
    rules,
    recordRule: 'TFILE.XML.TAG',
    readHeader: (fields) => {
      const read = header(fields, options.uploadName);
      return { header: read, schema: schemas[read.type] };
    },
  })) {
    if (item.kind === 'header') {
      fileHeader = item.header;
      yield item;
    } else yield toItem(fileHeader!, item);
  }
}

function toItem(header: TFileHeader, zap: FlatRecord): TFileItem {
  const { ordinal } = zap;
  const mapped = zapToRecord(header.type, zap, header.date);
  if (mapped.ok && zap.issues.length === 0) {
    return { kind: 'record', ordinal, type: header.type, record: mapped.record, context: mapped.context };
  }
  const issues = [...zap.issues, ...(mapped.ok ? [] : mapped.issues)];
  const sourceId = mapped.ok ? mapped.record.sourceId : mapped.sourceId;
  return { kind: 'invalid', ordinal, sourceId, issues };
}

/** Reads the whole file into memory (files of the REST channel are at most 10 MB). */
export async function readTFileAll(chunks: AsyncIterable<Uint8Array>, options: TFileReadOptions = {}) {
  let fileHeader: TFileHeader | undefined;
  const items: Exclude<TFileItem, { kind: 'header' }>[] = [];
  for await (const item of readTFile(chunks, options)) {
    if (item.kind === 'header') fileHeader = item.header;
    else items.push(item);
  }
  return { header: fileHeader!, items };
}
