import { encodeXmlText, type XmlTextEncoding } from '../../../platform/formats/xml-text-encoding';
import { treeElementXml } from '../../../platform/formats/xml-tree-writer';
import type { PlanEntryRecord } from '../../domain/records';
import { recordToSvPrMer } from './plan-list-mapping';
import { planListFileName, planListFormat } from './plan-list-name';
import type { PlanListHeader } from './plan-list-reader';
import { planListHeader, svPrMer } from './plan-list-tags';

/**
 * Writes plan-list files (docs/formats/prevention-files.md) from canonical plan entries: `ZL_LIST{ZGLV,
 * SV_PR_MER*}` with the elements in the tag tables' order (what the reader checks), one `SV_PR_MER` per entry
 * with `NOMER_Z` its position and `ID_ZAP` its id, windows-1251 by default (characters outside the code page as
 * character references) or UTF-8. A file written here reads back as the same header and entries, and writing
 * what was read gives the same bytes.
 */

export type PlanListFile = Omit<PlanListHeader, 'version'> & { version?: string };

export interface PlanListWriteOptions {
  encoding?: XmlTextEncoding;
}

function prolog(encoding: XmlTextEncoding) {
  return `<?xml version="1.0" encoding="${encoding === 'utf-8' ? 'UTF-8' : 'windows-1251'}"?>\n`;
}

/** The file as XML text. */
export function planListXml(
  file: PlanListFile,
  records: Iterable<PlanEntryRecord>,
  options: PlanListWriteOptions = {},
): string {
  const zglv = {
    VERSION: file.version ?? planListFormat.version,
    DATA: file.date,
    FILENAME: planListFileName(file.name),
    FILENAME1: file.fileName1,
    CODMOF: file.name.moCode,
    YEAR: String(file.year),
    QUART: file.quarter === undefined ? undefined : String(file.quarter),
  };
  const parts = [`${prolog(options.encoding ?? 'windows-1251')}<ZL_LIST>\n`];
  parts.push(`${treeElementXml('ZGLV', planListHeader, zglv)}\n`);
  let n = 0;
  for (const record of records)
    parts.push(`${treeElementXml('SV_PR_MER', svPrMer, recordToSvPrMer(record, ++n))}\n`);
  parts.push('</ZL_LIST>\n');
  return parts.join('');
}

/** The file as bytes: `{ fileName: '<name>.xml', bytes }`. */
export function writePlanList(
  file: PlanListFile,
  records: Iterable<PlanEntryRecord>,
  options: PlanListWriteOptions = {},
): { fileName: string; bytes: Uint8Array } {
  const text = planListXml(file, records, options);
  return {
    fileName: `${planListFileName(file.name)}.xml`,
    bytes: encodeXmlText(text, options.encoding ?? 'windows-1251'),
  };
}
