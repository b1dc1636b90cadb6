import { zipSync } from 'fflate';
import { type ErzEncoding, encodeXmlText } from '../../../person/formats/erz-extract-writer';
import { type TFileName, tFamilyFormat, tFileName } from './t-file-name';
import { recordToZap, type TContext, type TRecordOf } from './t-record-mapping';

/**
 * Writes T-family files (docs/formats/t-family.md) from canonical records: windows-1251 by default (characters
 * outside the code page become character references), zipped by default. Each `ZAP` carries `N_ZAP` (its
 * position) and `ID_ZAP` (the record's sourceId), so a written file read back gives the same records.
 */

export interface TFileRow<T extends keyof TRecordOf> {
  record: TRecordOf[T];
  /** What the file carries beyond the canonical record (`$` targets of the tag tables): СМО, who cancelled… */
  context?: TContext;
}

export interface TFileWriteOptions {
  encoding?: ErzEncoding;
  /** Default true: a ZIP archive holding `<name>.xml`. */
  zip?: boolean;
  /** ZGLV/DATA, default: the date of the name. */
  date?: string;
}

function escapeText(value: string): string {
  return value.replace(/[&<>\r]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;',
  );
}

const leaf = (tag: string, value: string) => `<${tag}>${escapeText(value)}</${tag}>`;

/** The file as XML text. */
export function tFileXml<T extends keyof TRecordOf>(
  name: TFileName & { type: T },
  rows: Iterable<TFileRow<T>>,
  options: TFileWriteOptions = {},
): string {
  const encoding = options.encoding ?? 'windows-1251';
  const parts = [
    `<?xml version="1.0" encoding="${encoding}"?>\n<ZL_LIST>\n<ZGLV>${leaf('VERSION', tFamilyFormat.version)}` +
      `${leaf('DATA', options.date ?? name.date)}${leaf('FILENAME', tFileName(name))}</ZGLV>\n`,
  ];
  let n = 0;
  for (const row of rows) {
    n++;
    let zap = `<ZAP>${leaf('N_ZAP', String(n))}`;
    for (const [tag, value] of recordToZap(name.type, row.record, row.context)) {
      zap +=
        typeof value === 'string'
          ? leaf(tag, value)
          : `<${tag}>${value.map(([t, v]) => leaf(t, v)).join('')}</${tag}>`;
    }
    parts.push(`${zap}</ZAP>\n`);
  }
  parts.push('</ZL_LIST>\n');
  return parts.join('');
}

/** The file as bytes: `{ fileName, bytes }` — `<name>.zip` (default) or `<name>.xml`. */
export function writeTFile<T extends keyof TRecordOf>(
  name: TFileName & { type: T },
  rows: Iterable<TFileRow<T>>,
  options: TFileWriteOptions = {},
): { fileName: string; bytes: Uint8Array } {
  const base = tFileName(name);
  const xml = encodeXmlText(tFileXml(name, rows, options), options.encoding ?? 'windows-1251');
  if (options.zip === false) return { fileName: `${base}.xml`, bytes: xml };
  return { fileName: `${base}.zip`, bytes: zipSync({ [`${base}.xml`]: xml }, { level: 6 }) };
}
