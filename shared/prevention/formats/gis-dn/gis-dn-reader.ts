import type { FlkIssue } from '../../../platform/flk/issue';
import { Refusal } from '../../../platform/flk/refusal';
import type { ByteChunks } from '../../../platform/formats/package/byte-stream';
import { type PackageRules, packageRefusal } from '../../../platform/formats/package/package-refusal';
import { openXmlDocuments } from '../../../platform/formats/package/xml-package';
import {
  readTreeDocument,
  type TreeFinding,
  type TreeRecordRules,
} from '../../../platform/formats/package/xml-tree-records';
import type { GroupNode } from '../../../platform/formats/xml-tree-schema';
import type { DispensaryRecord } from '../../domain/records';
import { findingIssue, type LeafContext, type RecordRuleIds } from '../plan-list/leaf-mapping';
import { type DnPlanRow, dnListZapToRecord, dnPlanZapToRow } from './gis-dn-mapping';
import {
  type GisDnFamily,
  type GisDnName,
  gisDnBaseName,
  gisDnFamilyOf,
  gisDnFileName,
  parseGisDnName,
} from './gis-dn-name';
import {
  dnListHeader,
  dnListVersion,
  dnListZap,
  dnPlanHeader,
  dnPlanVersion,
  dnPlanZap,
} from './gis-dn-tags';

/**
 * Reader of the ГИС ОМС ДН files (docs/formats/prevention-files.md, DOMAIN §2.5): the platform opens the ZIP
 * (one XML, named as the ZIP; caps against ZIP bombs; a plain XML is read too), decodes it (windows-1251 unless
 * declared otherwise, UTF-8), refuses DOCTYPE and malformed XML, and reads `DN_LIST` or `DN_PLAN` against the
 * tag tables (xml-tree-records.ts). A `DN_LIST` record becomes a canonical `DispensaryRecord` with its context, a
 * `DN_PLAN` record a planned visit window (`DnPlanRow`); a record with findings is `invalid` (tag, F012 code,
 * value, Russian message) and the rest go on. A file that cannot be read as the family (name, header, version,
 * `SD_Z` not the number of records — known at the end) is a `Refusal`: import it only once the read has ended.
 */

export interface GisDnHeader {
  version: string;
  /** ZGLV/FILENAME, parsed; its type is ZGLV/FILE_TYPE. */
  name: GisDnName;
  /** ZGLV/DATA */
  date: string;
  /** ZGLV/REGION_CD */
  regionCode: string;
  /** ZGLV/NN_FILE (DN_LIST only). */
  fileNumber?: string;
}

export type DnListItem =
  | { kind: 'record'; ordinal: number; record: DispensaryRecord; context: LeafContext }
  | { kind: 'invalid'; ordinal: number; sourceId: string | null; issues: FlkIssue[] };

export type DnPlanItem =
  | { kind: 'window'; ordinal: number; row: DnPlanRow }
  | { kind: 'invalid'; ordinal: number; sourceId: string | null; issues: FlkIssue[] };

export interface GisDnReadOptions {
  /** The name the file arrived under: it must follow the pattern and name the file of ZGLV/FILENAME. */
  uploadName?: string;
  /** Bytes of XML accepted after unzipping (default 100 MB). */
  maxXmlBytes?: number;
  /** Records accepted (default 200,000). */
  maxRecords?: number;
  onIssue?: (issue: FlkIssue) => void;
}

export const gisDnRules = {
  package: {
    format: 'GISDN.PACKAGE.FORMAT',
    xml: 'GISDN.PACKAGE.XML',
    header: 'GISDN.PACKAGE.HEADER',
  } satisfies PackageRules,
  name: 'GISDN.PACKAGE.NAME',
  count: 'GISDN.PACKAGE.COUNT',
  record: {
    tag: 'GISDN.XML.TAG',
    required: 'GISDN.XML.REQUIRED',
    type: 'GISDN.XML.TYPE',
    code: 'GISDN.XML.CODE',
  } satisfies TreeRecordRules & RecordRuleIds,
} as const;

const R = gisDnRules;

interface FamilySpec {
  root: string;
  version: string;
  header: GroupNode;
  zap: GroupNode;
}

const families: Record<GisDnFamily, FamilySpec> = {
  DN_LIST: { root: 'DN_LIST', version: dnListVersion, header: dnListHeader, zap: dnListZap },
  DN_PLAN: { root: 'DN_PLAN', version: dnPlanVersion, header: dnPlanHeader, zap: dnPlanZap },
};

const namePattern = '<GST|GPT…><код>_<число>_<число>';

function nameRefusal(message: string, field: string, value: string) {
  return packageRefusal(R.name, '802', message, field, value.slice(0, 100));
}

/** An upload's name checked before its content is read (802 when it is no ДН file name). */
export function requireGisDnName(uploadName: string): GisDnName {
  const name = parseGisDnName(uploadName);
  if (!name) throw nameRefusal(`Имя файла должно иметь вид ${namePattern}`, 'FILENAME', uploadName);
  return name;
}

function headerOf(
  family: GisDnFamily,
  fields: Record<string, string>,
  findings: readonly TreeFinding[],
  names: { upload?: string | undefined; entry: string | null },
): GisDnHeader & { count: number } {
  if (findings.length) {
    const issues = findings.map((f) => ({
      ...findingIssue(f, 'ZGLV'),
      rule: R.package.header,
      field: `ZGLV.${f.field}`,
    }));
    throw Refusal.invalid(issues, `Заголовок файла не прошёл форматный контроль: ${issues[0]!.message}`);
  }
  const spec = families[family];
  if (fields.VERSION !== spec.version) {
    throw packageRefusal(
      R.package.header,
      '904',
      `Версия формата ${fields.VERSION} не поддерживается (ожидается ${spec.version})`,
      'ZGLV.VERSION',
      fields.VERSION,
    );
  }
  const name = parseGisDnName(fields.FILENAME!);
  if (!name) {
    throw nameRefusal(
      `Имя файла FILENAME должно иметь вид ${namePattern}`,
      'ZGLV.FILENAME',
      fields.FILENAME!,
    );
  }
  if (fields.FILE_TYPE !== name.type || gisDnFamilyOf[name.type] !== family) {
    throw packageRefusal(
      R.package.header,
      '804',
      `Тип файла FILE_TYPE (${fields.FILE_TYPE}) не соответствует файлу ${spec.root} с именем ${fields.FILENAME}`,
      'ZGLV.FILE_TYPE',
      fields.FILE_TYPE,
    );
  }
  const base = gisDnFileName(name);
  for (const [given, field] of [
    [names.upload, 'FILENAME'],
    [names.entry, 'ZIP'],
  ] as const) {
    if (given !== undefined && given !== null && gisDnBaseName(given) !== base) {
      throw nameRefusal(
        `Имя файла (${given}) должно совпадать с FILENAME заголовка (${fields.FILENAME}); в архиве — один XML-файл с тем же именем`,
        field,
        given,
      );
    }
  }
  const header: GisDnHeader & { count: number } = {
    version: fields.VERSION!,
    name,
    date: fields.DATA!,
    regionCode: fields.REGION_CD!,
    count: Number(fields.SD_Z),
  };
  if (fields.NN_FILE !== undefined) header.fileNumber = fields.NN_FILE;
  return header;
}

async function* readFamily<I>(
  chunks: ByteChunks,
  family: GisDnFamily,
  options: GisDnReadOptions,
  item: (value: Record<string, unknown>, ordinal: number, found: FlkIssue[]) => I,
): AsyncGenerator<{ kind: 'header'; header: GisDnHeader } | I> {
  if (options.uploadName !== undefined) {
    const name = requireGisDnName(options.uploadName);
    if (gisDnFamilyOf[name.type] !== family) {
      throw nameRefusal(
        `Файл ${options.uploadName} не является файлом ${families[family].root}`,
        'FILENAME',
        options.uploadName,
      );
    }
  }
  const spec = families[family];
  let documents = 0;
  for await (const document of openXmlDocuments(chunks, {
    rules: R.package,
    maxXmlBytes: options.maxXmlBytes ?? 100 * 1024 ** 2,
    maxEntries: 1,
    defaultEncoding: 'windows-1251',
    ...(options.onIssue ? { onIssue: options.onIssue } : {}),
  })) {
    documents++;
    let header: (GisDnHeader & { count: number }) | undefined;
    let count = 0;
    for await (const read of readTreeDocument(document.text, {
      root: spec.root,
      headers: [{ tag: 'ZGLV', node: spec.header }],
      record: 'ZAP',
      recordNode: spec.zap,
      rules: R.package,
      recordRules: R.record,
      maxRecords: options.maxRecords ?? 200_000,
    })) {
      if (read.kind === 'header') {
        header = headerOf(family, read.value as Record<string, string>, read.findings, {
          upload: options.uploadName,
          entry: document.name,
        });
        const { count: _count, ...shown } = header;
        yield { kind: 'header', header: shown };
        continue;
      }
      count++;
      yield item(
        read.value,
        read.ordinal,
        read.findings.map((f) => findingIssue(f, 'ZAP')),
      );
    }
    if (header && header.count !== count) {
      throw packageRefusal(
        R.count,
        '804',
        `Число записей ZAP в файле (${count}) не совпадает с SD_Z заголовка (${header.count})`,
        'ZGLV.SD_Z',
        String(header.count),
      );
    }
  }
  if (documents === 0) {
    throw packageRefusal(R.package.format, '801', 'Архив не содержит XML-файла', 'ZIP');
  }
}

/** Reads a `DN_LIST` file (GST/GSM): the header, then each observation (or its findings). */
export function readDnList(
  chunks: ByteChunks,
  options: GisDnReadOptions = {},
): AsyncGenerator<{ kind: 'header'; header: GisDnHeader } | DnListItem> {
  return readFamily<DnListItem>(chunks, 'DN_LIST', options, (value, ordinal, found) => {
    const mapped = dnListZapToRecord(value, R.record, found.length === 0);
    if (mapped.ok && found.length === 0) {
      return { kind: 'record', ordinal, record: mapped.record, context: mapped.context };
    }
    const issues = [...found, ...(mapped.ok ? [] : mapped.issues)];
    return {
      kind: 'invalid',
      ordinal,
      sourceId: mapped.ok ? mapped.record.sourceId : mapped.sourceId,
      issues,
    };
  });
}

/** Reads a `DN_PLAN` file (GPT/GPM): the header, then each planned window (or its findings). */
export function readDnPlan(
  chunks: ByteChunks,
  options: GisDnReadOptions = {},
): AsyncGenerator<{ kind: 'header'; header: GisDnHeader } | DnPlanItem> {
  return readFamily<DnPlanItem>(chunks, 'DN_PLAN', options, (value, ordinal, found) => {
    const mapped = dnPlanZapToRow(value, R.record, found.length === 0);
    if (mapped.ok && found.length === 0) return { kind: 'window', ordinal, row: mapped.row };
    const issues = [...found, ...(mapped.ok ? [] : mapped.issues)];
    return { kind: 'invalid', ordinal, sourceId: mapped.ok ? mapped.row.planId : mapped.planId, issues };
  });
}

async function all<I>(items: AsyncIterable<{ kind: 'header'; header: GisDnHeader } | I>) {
  let header: GisDnHeader | undefined;
  const out: I[] = [];
  for await (const item of items) {
    if ((item as { kind: string }).kind === 'header') header = (item as { header: GisDnHeader }).header;
    else out.push(item as I);
  }
  return { header: header!, items: out };
}

/** The whole `DN_LIST` file in memory (files of the REST channel are at most 10 MB). */
export const readDnListAll = (chunks: ByteChunks, options: GisDnReadOptions = {}) =>
  all<DnListItem>(readDnList(chunks, options));

/** The whole `DN_PLAN` file in memory. */
export const readDnPlanAll = (chunks: ByteChunks, options: GisDnReadOptions = {}) =>
  all<DnPlanItem>(readDnPlan(chunks, options));

/** The family of a file by its name, or null. */
export function gisDnFamilyOfName(fileName: string): GisDnFamily | null {
  const name = parseGisDnName(fileName);
  return name ? gisDnFamilyOf[name.type] : null;
}
