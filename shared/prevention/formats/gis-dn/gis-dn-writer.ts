import { zipSync } from 'fflate';
import { encodeXmlText, type XmlTextEncoding } from '../../../platform/formats/xml-text-encoding';
import { treeElementXml } from '../../../platform/formats/xml-tree-writer';
import type { DispensaryRecord } from '../../domain/records';
import type { LeafContext } from '../plan-list/leaf-mapping';
import { type DnPlanRow, recordToDnListZap, rowToDnPlanZap } from './gis-dn-mapping';
import { gisDnFamilyOf, gisDnFileName } from './gis-dn-name';
import type { GisDnHeader } from './gis-dn-reader';
import {
  dnListHeader,
  dnListVersion,
  dnListZap,
  dnPlanHeader,
  dnPlanVersion,
  dnPlanZap,
  dnReason,
} from './gis-dn-tags';

/**
 * Writes the ГИС ОМС ДН files (docs/formats/prevention-files.md): `DN_LIST` from observations (GST) and `DN_PLAN`
 * from planned windows (GPT; `dnPlanRowsOf` makes them from observations), elements in the tag tables' order,
 * `SD_Z` the number of records, windows-1251 by default, zipped as one XML named as the ZIP (the entry dated by
 * ZGLV/DATA, so the same input gives the same bytes). A file written here reads back as the same header and
 * records, and writing what was read gives the same bytes.
 */

export type GisDnFile = Omit<GisDnHeader, 'version'> & { version?: string };

export interface GisDnWriteOptions {
  encoding?: XmlTextEncoding;
  /** Default true: a ZIP holding `<name>.xml`. */
  zip?: boolean;
}

/** A `DN_LIST` record and what the file carries beyond it (`MCOD`, `CODE_PINF`, the ГИС ОМС ids …). */
export interface DnListRow {
  record: DispensaryRecord;
  context?: LeafContext;
}

function prolog(encoding: XmlTextEncoding) {
  return `<?xml version="1.0" encoding="${encoding === 'utf-8' ? 'UTF-8' : 'windows-1251'}"?>\n`;
}

function headerFields(file: GisDnFile, version: string, count: number) {
  return {
    VERSION: file.version ?? version,
    FILE_TYPE: file.name.type,
    DATA: file.date,
    FILENAME: gisDnFileName(file.name),
    REGION_CD: file.regionCode,
    NN_FILE: gisDnFamilyOf[file.name.type] === 'DN_LIST' ? (file.fileNumber ?? file.name.number) : undefined,
    SD_Z: String(count),
  };
}

/** The `DN_LIST` file as XML text; `MCOD` defaults to the sender's code of the name, `CODE_PINF` to «ДН». */
export function dnListXml(
  file: GisDnFile,
  rows: readonly DnListRow[],
  options: GisDnWriteOptions = {},
): string {
  if (gisDnFamilyOf[file.name.type] !== 'DN_LIST') throw new Error(`${file.name.type} is no DN_LIST file`);
  const parts = [`${prolog(options.encoding ?? 'windows-1251')}<DN_LIST>\n`];
  parts.push(`${treeElementXml('ZGLV', dnListHeader, headerFields(file, dnListVersion, rows.length))}\n`);
  for (const { record, context } of rows) {
    if (!record.patient.enp) throw new Error(`DN_LIST record ${record.sourceId} without ЕНП`);
    const values = recordToDnListZap(record, { codePinf: dnReason, mcod: file.name.code, ...context });
    parts.push(`${treeElementXml('ZAP', dnListZap, values)}\n`);
  }
  parts.push('</DN_LIST>\n');
  return parts.join('');
}

/** The `DN_PLAN` file as XML text. */
export function dnPlanXml(
  file: GisDnFile,
  rows: readonly DnPlanRow[],
  options: GisDnWriteOptions = {},
): string {
  if (gisDnFamilyOf[file.name.type] !== 'DN_PLAN') throw new Error(`${file.name.type} is no DN_PLAN file`);
  const parts = [`${prolog(options.encoding ?? 'windows-1251')}<DN_PLAN>\n`];
  parts.push(`${treeElementXml('ZGLV', dnPlanHeader, headerFields(file, dnPlanVersion, rows.length))}\n`);
  for (const row of rows) parts.push(`${treeElementXml('ZAP', dnPlanZap, rowToDnPlanZap(row))}\n`);
  parts.push('</DN_PLAN>\n');
  return parts.join('');
}

function packaged(file: GisDnFile, text: string, options: GisDnWriteOptions) {
  const base = gisDnFileName(file.name);
  const xml = encodeXmlText(text, options.encoding ?? 'windows-1251');
  if (options.zip === false) return { fileName: `${base}.xml`, bytes: xml };
  const mtime = new Date(`${file.date}T12:00:00`);
  return { fileName: `${base}.zip`, bytes: zipSync({ [`${base}.xml`]: [xml, { mtime }] }, { level: 6 }) };
}

/** A `DN_LIST` file as bytes: `{ fileName: '<name>.zip', bytes }` (or `.xml` with `zip: false`). */
export function writeDnList(file: GisDnFile, rows: readonly DnListRow[], options: GisDnWriteOptions = {}) {
  return packaged(file, dnListXml(file, rows, options), options);
}

/** A `DN_PLAN` file as bytes. */
export function writeDnPlan(file: GisDnFile, rows: readonly DnPlanRow[], options: GisDnWriteOptions = {}) {
  return packaged(file, dnPlanXml(file, rows, options), options);
}
