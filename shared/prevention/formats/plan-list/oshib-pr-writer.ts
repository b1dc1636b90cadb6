import type { FlkIssue } from '../../../platform/flk/issue';
import { encodeXmlText, type XmlTextEncoding } from '../../../platform/formats/xml-text-encoding';
import { group, many, opt, T } from '../../../platform/formats/xml-tree-schema';
import { treeElementXml } from '../../../platform/formats/xml-tree-writer';
import { tagOfPath } from './leaf-mapping';
import { planListBaseName, planListErrorName, planListFormat } from './plan-list-name';
import { planListFieldTags } from './plan-list-tags';

/**
 * The error answer to a plan-list file, `OSHIB_PR` (Perm `pddp_err.xsd`, DOMAIN §2.4.1;
 * docs/formats/prevention-files.md): `VERSION`, `DATA`, `FNAME` (its own name, `ERR_` + the file's), `FNAME_I` (the file answered) and a `ZAP_OSHIB`
 * per finding — `OSHIB` (F012 code), `NOMER_Z` (the record's position; absent for the file as a whole), `ID_ZAP`
 * (the record's id), `IM_POL` (the file's tag), `ZN_POL` (the value sent) and `COMMENT` (the Russian message and
 * the rule id). Errors only by default. Findings of the exchange name canonical fields: they are written as the
 * file's tags (`districtCode` → `LPUREGION_NAME`).
 */

export const zapOshib = group({
  OSHIB: T(3),
  NOMER_Z: opt(T(8)),
  ID_ZAP: opt(T(64)),
  IM_POL: opt(T(40)),
  ZN_POL: opt(T(100)),
  COMMENT: opt(T(1000)),
});

export const oshibPr = group({
  VERSION: T(5),
  DATA: T(10),
  FNAME: T(40),
  FNAME_I: T(40),
  ZAP_OSHIB: many(zapOshib),
});

/** The findings of one record (or of the file as a whole: no `nomerZ`, no `sourceId`). */
export interface AnswerRow {
  nomerZ?: string | null;
  sourceId?: string | null;
  issues: readonly FlkIssue[];
}

export interface OshibPrOptions {
  encoding?: XmlTextEncoding;
  /** Also write warnings (COMMENT starts with «Предупреждение»). Default false. */
  includeWarnings?: boolean;
}

function zap(row: AnswerRow, issue: FlkIssue): Record<string, string | undefined> {
  const mark = issue.severity === 'warning' ? 'Предупреждение: ' : '';
  return {
    OSHIB: issue.code,
    NOMER_Z: row.nomerZ ?? undefined,
    ID_ZAP: row.sourceId ?? undefined,
    IM_POL: issue.field ? tagOfPath(planListFieldTags, issue.field) : undefined,
    ZN_POL: issue.value,
    COMMENT: `${mark}${issue.message} (${issue.rule})`,
  };
}

/** The answer as XML text; `date` is its DATA (`YYYY-MM-DD`). */
export function oshibPrXml(
  fileName: string,
  date: string,
  rows: Iterable<AnswerRow>,
  options: OshibPrOptions = {},
): string {
  const encoding = options.encoding ?? 'windows-1251';
  const zaps: Record<string, string | undefined>[] = [];
  for (const row of rows) {
    for (const issue of row.issues) {
      if (issue.severity === 'warning' && !options.includeWarnings) continue;
      zaps.push(zap(row, issue));
    }
  }
  const value = {
    VERSION: planListFormat.version,
    DATA: date,
    FNAME: planListErrorName(fileName),
    FNAME_I: planListBaseName(fileName),
    ZAP_OSHIB: zaps,
  };
  return `<?xml version="1.0" encoding="${encoding === 'utf-8' ? 'UTF-8' : 'windows-1251'}"?>\n${treeElementXml('OSHIB_PR', oshibPr, value, '')}\n`;
}

/** The answer as bytes: `{ fileName: 'ERR_<name>.xml', bytes }`. */
export function writeOshibPr(
  fileName: string,
  date: string,
  rows: Iterable<AnswerRow>,
  options: OshibPrOptions = {},
): { fileName: string; bytes: Uint8Array } {
  return {
    fileName: `${planListErrorName(fileName)}.xml`,
    bytes: encodeXmlText(oshibPrXml(fileName, date, rows, options), options.encoding ?? 'windows-1251'),
  };
}
