import type { FlkIssue } from '../../../platform/flk/issue';
import { Refusal } from '../../../platform/flk/refusal';
import type { ByteChunks } from '../../../platform/formats/package/byte-stream';
import { type PackageRules, packageRefusal } from '../../../platform/formats/package/package-refusal';
import { openXmlText } from '../../../platform/formats/package/xml-package';
import {
  readTreeDocument,
  type TreeFinding,
  type TreeRecordRules,
} from '../../../platform/formats/package/xml-tree-records';
import type { PlanEntryRecord } from '../../domain/records';
import { findingIssue, type RecordRuleIds } from './leaf-mapping';
import { svPrMerToRecord } from './plan-list-mapping';
import {
  type PlanListName,
  parsePlanListName,
  planListBaseName,
  planListFileName,
  planListFormat,
} from './plan-list-name';
import { type PlanListHeaderTags, planListHeader, type SvPrMer, svPrMer } from './plan-list-tags';

/**
 * Reader of plan-list files (docs/formats/prevention-files.md): the platform opens the file (plain XML or a ZIP
 * holding one, caps against ZIP bombs, windows-1251 by default or UTF-8 as declared, DOCTYPE refused) and reads
 * `ZL_LIST{ZGLV, SV_PR_MER*}` against the tag tables (xml-tree-records.ts: order, unknown tags, 902 empty
 * required values, 903 types and sizes, impossible dates). Each `SV_PR_MER` becomes a canonical plan entry, or an
 * `invalid` item with its findings (tag, F012 code, value, Russian message) — the rest go on. A file that cannot
 * be read as a plan list (not XML, malformed, DOCTYPE, its header, its name) is a `Refusal`.
 */

export interface PlanListHeader {
  version: string;
  /** ZGLV/DATA */
  date: string;
  /** ZGLV/FILENAME, parsed. */
  name: PlanListName;
  /** ZGLV/FILENAME1: the file this one answers or replaces, when given. */
  fileName1?: string;
  /** ZGLV/YEAR: the plan year (the entries' year when they carry none). */
  year: number;
  /** ZGLV/QUART */
  quarter?: number;
}

export type PlanListItem =
  | { kind: 'record'; ordinal: number; nomerZ: string | null; record: PlanEntryRecord }
  | { kind: 'invalid'; ordinal: number; nomerZ: string | null; sourceId: string | null; issues: FlkIssue[] };

export interface PlanListReadOptions {
  /** The name the file arrived under: it must follow the pattern and name the file of ZGLV/FILENAME. */
  uploadName?: string;
  /** Bytes of XML accepted after unzipping (default 100 MB). */
  maxXmlBytes?: number;
  /** `SV_PR_MER` records accepted (default 200,000). */
  maxRecords?: number;
  /** Warnings about the file as a whole (a windows-1251 declaration over UTF-8 bytes). */
  onIssue?: (issue: FlkIssue) => void;
}

export const planListRules = {
  package: {
    format: 'PROF.PACKAGE.FORMAT',
    xml: 'PROF.PACKAGE.XML',
    header: 'PROF.PACKAGE.HEADER',
  } satisfies PackageRules,
  name: 'PROF.PACKAGE.NAME',
  record: {
    tag: 'PROF.XML.TAG',
    required: 'PROF.XML.REQUIRED',
    type: 'PROF.XML.TYPE',
    code: 'PROF.XML.CODE',
  } satisfies TreeRecordRules & RecordRuleIds,
} as const;

const R = planListRules;

function nameRefusal(message: string, field: string, value: string): Refusal {
  return packageRefusal(R.name, '802', message, field, value.slice(0, 100));
}

const namePattern = 'PROF_M<код МО>T<код региона>_<ГГММ><N>';

function headerOf(fields: PlanListHeaderTags, findings: readonly TreeFinding[], uploadName?: string) {
  if (findings.length) {
    const issues = findings.map((f) => ({
      ...findingIssue(f, 'ZGLV'),
      rule: R.package.header,
      field: `ZGLV.${f.field}`,
    }));
    throw Refusal.invalid(issues, `Заголовок файла не прошёл форматный контроль: ${issues[0]!.message}`);
  }
  if (fields.VERSION !== planListFormat.version) {
    throw packageRefusal(
      R.package.header,
      '904',
      `Версия формата ${fields.VERSION} не поддерживается (ожидается ${planListFormat.version})`,
      'ZGLV.VERSION',
      fields.VERSION,
    );
  }
  const name = parsePlanListName(fields.FILENAME);
  if (!name) {
    throw nameRefusal(`Имя файла FILENAME должно иметь вид ${namePattern}`, 'ZGLV.FILENAME', fields.FILENAME);
  }
  if (uploadName !== undefined && planListBaseName(uploadName) !== planListFileName(name)) {
    throw nameRefusal(
      `Имя загруженного файла должно иметь вид ${namePattern} и совпадать с FILENAME заголовка (${fields.FILENAME})`,
      'FILENAME',
      uploadName,
    );
  }
  if (fields.CODMOF !== name.moCode) {
    throw packageRefusal(
      R.package.header,
      '804',
      `Код МО CODMOF (${fields.CODMOF}) не совпадает с кодом МО в имени файла (${name.moCode})`,
      'ZGLV.CODMOF',
      fields.CODMOF,
    );
  }
  const header: PlanListHeader = {
    version: fields.VERSION,
    date: fields.DATA,
    name,
    year: Number(fields.YEAR),
  };
  if (fields.FILENAME1 !== undefined) header.fileName1 = fields.FILENAME1;
  if (fields.QUART !== undefined) header.quarter = Number(fields.QUART);
  return header;
}

/** An upload's name checked before its content is read (802 when it is no plan-list name). */
export function requirePlanListName(uploadName: string): PlanListName {
  const name = parsePlanListName(uploadName);
  if (!name) {
    throw nameRefusal(`Имя файла должно иметь вид ${namePattern}`, 'FILENAME', uploadName);
  }
  return name;
}

/** Reads a plan-list file: the header first, then every `SV_PR_MER` (its plan entry, or its findings). */
export async function* readPlanList(
  chunks: ByteChunks,
  options: PlanListReadOptions = {},
): AsyncGenerator<{ kind: 'header'; header: PlanListHeader } | PlanListItem> {
  if (options.uploadName !== undefined) requirePlanListName(options.uploadName);
  const text = openXmlText(chunks, {
    rules: R.package,
    maxXmlBytes: options.maxXmlBytes ?? 100 * 1024 ** 2,
    defaultEncoding: 'windows-1251',
    ...(options.onIssue ? { onIssue: options.onIssue } : {}),
  });
  let header: PlanListHeader | undefined;
  for await (const item of readTreeDocument<Partial<SvPrMer>>(text, {
    root: 'ZL_LIST',
    headers: [{ tag: 'ZGLV', node: planListHeader }],
    record: 'SV_PR_MER',
    recordNode: svPrMer,
    rules: R.package,
    recordRules: R.record,
    maxRecords: options.maxRecords ?? 200_000,
  })) {
    if (item.kind === 'header') {
      header = headerOf(item.value as PlanListHeaderTags, item.findings, options.uploadName);
      yield { kind: 'header', header };
      continue;
    }
    const nomerZ = item.value.NOMER_Z ?? null;
    const found = item.findings.map((f) => findingIssue(f, 'SV_PR_MER'));
    const mapped = svPrMerToRecord(item.value, header?.year, R.record, found.length === 0);
    if (mapped.ok && found.length === 0) {
      yield { kind: 'record', ordinal: item.ordinal, nomerZ, record: mapped.record };
      continue;
    }
    const issues = [...found, ...(mapped.ok ? [] : mapped.issues)];
    const sourceId = mapped.ok ? mapped.record.sourceId : mapped.sourceId;
    yield { kind: 'invalid', ordinal: item.ordinal, nomerZ, sourceId, issues };
  }
}

/** Reads the whole file into memory (files of the REST channel are at most 10 MB). */
export async function readPlanListAll(chunks: ByteChunks, options: PlanListReadOptions = {}) {
  let header: PlanListHeader | undefined;
  const items: PlanListItem[] = [];
  for await (const item of readPlanList(chunks, options)) {
    if (item.kind === 'header') header = item.header;
    else items.push(item);
  }
  return { header: header!, items };
}
