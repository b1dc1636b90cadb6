import type { DirectorySpec } from '../domain/catalogue';
import { type NsiPublication, type NsiRecord, openStart, parseRuDate } from '../domain/nsi-record';
import { readSemicolonCsv } from './semicolon-csv';

/**
 * Reads a Минздрав НСИ CSV export (МКБ-10 OID …1005, МКБ-О OID …1486). The version is part of the published
 * file name (`…_v2.27.csv`). Parent links (by row ID) are resolved to parent codes.
 */
export async function* readMinzdravDirectory(
  chunks: AsyncIterable<Uint8Array>,
  spec: DirectorySpec,
  onHeader: (header: NsiPublication) => void,
): AsyncGenerator<NsiRecord> {
  onHeader({ version: /_v([\d.]+)\.csv$/.exec(spec.file)?.[1] ?? 'unknown', publishedAt: null });
  let columns: string[] | undefined;
  const codeById = new Map<string, string>();
  for await (const row of readSemicolonCsv(chunks)) {
    if (!columns) {
      columns = row.map((c) => c.trim());
      continue;
    }
    if (row.length === 1 && row[0] === '') continue;
    const r: Record<string, string> = {};
    columns.forEach((c, i) => {
      const v = row[i]?.trim() ?? '';
      if (v !== '') r[c] = v;
    });
    yield spec.code === 'MKB10' ? mkb10Record(r, codeById) : mkboRecord(r, codeById);
  }
}

function mkb10Record(r: Record<string, string>, codeById: Map<string, string>): NsiRecord {
  const code = r.MKB_CODE ?? '';
  if (r.ID) codeById.set(r.ID, code);
  const actual = r.ACTUAL !== '0';
  const changed = parseRuDate(r.DATE);
  return {
    code,
    name: r.MKB_NAME ?? '',
    dateBeg: actual ? (changed ?? openStart) : openStart,
    dateEnd: actual ? null : (changed ?? openStart),
    parentCode: r.ID_PARENT ? (codeById.get(r.ID_PARENT) ?? null) : null,
    attrs: r,
  };
}

function mkboRecord(r: Record<string, string>, codeById: Map<string, string>): NsiRecord {
  const code = r.CODE ?? `group-${r.ID ?? ''}`;
  if (r.ID) codeById.set(r.ID, code);
  return {
    code,
    name: r.NAME ?? '',
    dateBeg: openStart,
    dateEnd: null,
    parentCode: r.PARENT ? (codeById.get(r.PARENT) ?? null) : null,
    attrs: r,
  };
}
