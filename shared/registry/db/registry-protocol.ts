import type { Db, Tx } from '../../platform/db/connection';
import type { RegistryFinding } from '../domain/findings';

/**
 * The FLK protocol of a package (`registry.import_error`, migration 029): its findings as rows of FLK_P, the
 * package's own at ordinal 0. Read paged in file order, grouped by code and field for the UI, or whole for the
 * V-file. Row-level security: whoever sees the journal entry sees its protocol.
 */

export async function recordPackageFindings(
  tx: Tx,
  id: number,
  findings: readonly RegistryFinding[],
): Promise<void> {
  if (findings.length === 0) return;
  const rows = findings.map((f, i) => ({
    import_id: id,
    file: 'package',
    ordinal: 0,
    seq: i + 1,
    severity: f.severity,
    code: f.code,
    rule: f.rule,
    bas_el: f.basEl ?? null,
    field: f.field ?? null,
    value: f.value ?? null,
    message: f.message,
  }));
  await tx`insert into registry.import_error ${tx(rows)}`;
}

const findingColumns = (db: Db) => db`
  file, ordinal, severity, code, rule, bas_el as "basEl", field, value, message, n_zap as "nZap",
  idcase, sl_id as "slId", idserv, id_pac as "idPac"`;

type FindingRow = RegistryFinding & { ordinal: number };

function toFinding(row: Record<string, unknown>): FindingRow {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (v !== null) out[k] = v;
  return out as unknown as FindingRow;
}

export interface ProtocolPageQuery {
  page: number;
  pageSize: number;
  code?: string | undefined;
  field?: string | undefined;
  severity?: 'error' | 'warning' | undefined;
}

/** The protocol's findings in file order (the package's first, then cases, then persons), a page at a time. */
export async function readProtocolPage(db: Db, id: number, query: ProtocolPageQuery) {
  const rows = await db<Record<string, unknown>[]>`
    select ${findingColumns(db)} from registry.import_error
    where import_id = ${id}
      ${query.code ? db`and code = ${query.code}` : db``}
      ${query.field ? db`and field = ${query.field}` : db``}
      ${query.severity ? db`and severity = ${query.severity}` : db``}
    order by case file when 'package' then 0 when 'case' then 1 else 2 end, ordinal, seq
    limit ${query.pageSize + 1} offset ${(query.page - 1) * query.pageSize}`;
  return {
    items: rows.slice(0, query.pageSize).map(toFinding),
    page: query.page,
    pageSize: query.pageSize,
    hasMore: rows.length > query.pageSize,
  };
}

export interface ProtocolGroup {
  code: string;
  rule: string;
  basEl: string | null;
  field: string | null;
  severity: 'error' | 'warning';
  message: string;
  count: number;
  /** The first affected cases (N_ZAP, IDCASE) or persons (ID_PAC). */
  examples: { nZap: string | null; idcase: string | null; idPac: string | null; value: string | null }[];
}

/** Findings grouped by code, rule and field, with counts and the first affected records. */
export async function readProtocolGroups(db: Db, id: number): Promise<ProtocolGroup[]> {
  return db<ProtocolGroup[]>`
    select code, rule, bas_el as "basEl", field, severity, min(message) as message, count(*)::int as count,
           (array_agg(json_build_object('nZap', n_zap, 'idcase', idcase, 'idPac', id_pac, 'value', value)
                      order by file, ordinal, seq))[1:10] as examples
    from registry.import_error where import_id = ${id}
    group by code, rule, bas_el, field, severity
    order by severity, count(*) desc, code, field`;
}

/** Every finding of the package, in file order, for the V-file (streamed a batch at a time). */
export async function* allFindings(db: Db, id: number, batch = 5000): AsyncGenerator<FindingRow[]> {
  let after = { fileRank: -1, ordinal: -1, seq: -1 };
  for (;;) {
    const rows = await db<(Record<string, unknown> & { fileRank: number; seq: number })[]>`
      select ${findingColumns(db)}, seq,
             case file when 'package' then 0 when 'case' then 1 else 2 end as "fileRank"
      from registry.import_error
      where import_id = ${id}
        and (case file when 'package' then 0 when 'case' then 1 else 2 end, ordinal, seq)
            > (${after.fileRank}, ${after.ordinal}, ${after.seq})
      order by 16, ordinal, seq
      limit ${batch}`;
    if (rows.length === 0) return;
    const last = rows[rows.length - 1]!;
    after = { fileRank: last.fileRank, ordinal: last.ordinal as number, seq: last.seq };
    yield rows.map(({ fileRank: _r, seq: _s, ...row }) => toFinding(row));
    if (rows.length < batch) return;
  }
}
