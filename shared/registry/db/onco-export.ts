import type { SheetData } from 'write-excel-file/node';
import { audit } from '../../platform/access/scoped';
import type { Tx } from '../../platform/db/connection';
import { csvLine, utf8Bom } from '../../platform/formats/csv-writer';
import type { OncoCriteria } from '../domain/onco-criteria';
import type { OncoListSort } from '../domain/onco-criteria-params';
import { cellText, type ExportCell, oncoExportColumns } from '../domain/onco-export-columns';
import { type OncoPersonRow, oncoPersonIds, showOncoPersons, todayIso } from './onco-queries';

/**
 * At most this many persons go into one export; above it the caller is asked to narrow the criteria. A row is
 * ~300 bytes of CSV: 10,000 rows stay well within Lambda's 6 MB response (gzipped CSV, or XLSX base64).
 */
export const oncoExportCap = 10_000;

/** The persons are shown a thousand at a time (one statement per thousand ids). */
const showChunk = 1_000;

export type OncoExportFormat = 'csv' | 'xlsx';

export type OncoExport =
  | { ok: true; format: 'csv'; body: string; rows: number }
  | { ok: true; format: 'xlsx'; body: Buffer; rows: number }
  | { ok: false; cap: number };

/** The list as CSV: UTF-8 with BOM, `;`, Russian headers, dates as ДД.ММ.ГГГГ (the audit export's conventions). */
export function oncoCsv(rows: readonly OncoPersonRow[]): string {
  let text = utf8Bom + csvLine(oncoExportColumns.map((c) => c.header));
  for (const row of rows) text += csvLine(oncoExportColumns.map((c) => cellText(c.cell(row))));
  return text;
}

function xlsxCell(cell: ExportCell) {
  if (cell === null) return null;
  if ('text' in cell) return { value: cell.text, type: String };
  if ('number' in cell) return { value: cell.number, type: Number };
  return { value: new Date(`${cell.date}T00:00:00Z`), type: Date, format: 'dd.mm.yyyy' };
}

/** The list as an XLSX workbook of one sheet (write-excel-file: strings are never formulas). */
export async function oncoXlsx(rows: readonly OncoPersonRow[]): Promise<Buffer> {
  // Loaded when a workbook is asked for: the writer and its ZIP code took 15 ms of the function's cold start.
  const { default: writeXlsxFile } = await import('write-excel-file/node');
  const data: SheetData = [
    oncoExportColumns.map((c) => ({ value: c.header, fontWeight: 'bold' as const, wrap: true })),
    ...rows.map((row) => oncoExportColumns.map((c) => xlsxCell(c.cell(row)))),
  ];
  const file = writeXlsxFile(data, {
    sheet: 'Онкорегистр',
    columns: oncoExportColumns.map((c) => ({ width: c.width })),
    stickyRowsCount: 1,
  });
  return file.toBuffer();
}

/**
 * The register's list by criteria within the caller's scope as a CSV or XLSX file, in the list's order; more
 * than `oncoExportCap` persons is refused (`ok: false`). Audited as an export naming every person in the file.
 */
export async function exportOncoPersons(
  tx: Tx,
  criteria: OncoCriteria,
  format: OncoExportFormat,
  options: { sort?: OncoListSort; today?: string } = {},
): Promise<OncoExport> {
  const today = options.today ?? todayIso();
  const ids = await oncoPersonIds(
    tx,
    criteria,
    { limit: oncoExportCap + 1, offset: 0, sort: options.sort ?? '-lastDate' },
    today,
  );
  if (ids.length > oncoExportCap) return { ok: false, cap: oncoExportCap };
  const rows: OncoPersonRow[] = [];
  for (let i = 0; i < ids.length; i += showChunk) {
    rows.push(...(await showOncoPersons(tx, ids.slice(i, i + showChunk), today)));
  }
  await audit(tx, 'export', 'onco.person', { persons: ids }, { criteria, format, rows: rows.length });
  if (format === 'csv') return { ok: true, format, body: oncoCsv(rows), rows: rows.length };
  return { ok: true, format, body: await oncoXlsx(rows), rows: rows.length };
}
