import type { Db, Tx } from '../db/connection';
import type { FlkIssue } from '../flk/issue';
import type { Page } from './file-journal';

/**
 * The protocol of an imported file, in one of two shapes:
 * - an issue table (`ops.erz_import_error`: `import_id, ordinal, seq, record_id, severity, code, rule, field,
 *   value, message`), one row per FLK issue, ordinal 0 for the package itself — for files of any size, filled
 *   set-based (COPY into staging, `INSERT … SELECT`);
 * - a jsonb array column of the journal row (`hosp.t_file.protocol`), one element per record, for files small
 *   enough to be processed in memory.
 * Null columns become absent properties (the `FlkIssue` shape).
 */

export interface ProtocolRecord {
  ordinal: number;
  recordId: string | null;
  /** True when one of its issues is an error: nothing of the record was applied. */
  rejected: boolean;
  issues: FlkIssue[];
}

export interface IssueProtocolQuery {
  page: number;
  pageSize: number;
  /** Only rejected records, or only accepted records with warnings. */
  only?: 'rejected' | 'warnings' | undefined;
}

export const issueColumns = [
  'import_id',
  'ordinal',
  'seq',
  'record_id',
  'severity',
  'code',
  'rule',
  'field',
  'value',
  'message',
] as const;

/** Rows of `issueColumns` (COPY or INSERT) for one record's issues. */
export function issueRows(
  importId: number,
  ordinal: number,
  recordId: string | null,
  issues: readonly FlkIssue[],
) {
  return issues.map((f, seq) => [
    importId,
    ordinal,
    seq,
    recordId,
    f.severity,
    f.code,
    f.rule,
    f.field ?? null,
    f.value ?? null,
    f.message,
  ]);
}

export function issueProtocol(table: string) {
  const issue = (db: Db) => db`
    json_strip_nulls(json_build_object('rule', rule, 'code', code, 'severity', severity, 'field', field,
                                       'value', value, 'message', message))`;
  return {
    /**
     * Issues about the package itself (ordinal 0): errors — the file could not be applied as a whole — or
     * warnings about a file that was applied (e.g. its declared encoding); `severity` picks one kind.
     */
    async packageIssues(db: Db, importId: number, severity?: FlkIssue['severity']): Promise<FlkIssue[]> {
      const rows = await db<{ issue: FlkIssue }[]>`
        select ${issue(db)} as issue from ${db(table)}
        where import_id = ${importId} and ordinal = 0 ${severity ? db`and severity = ${severity}` : db``}
        order by seq`;
      return rows.map((r) => r.issue);
    },

    async recordPackageIssues(tx: Tx, importId: number, issues: readonly FlkIssue[]): Promise<void> {
      if (issues.length === 0) return;
      const rows = issueRows(importId, 0, null, issues).map((values) =>
        Object.fromEntries(issueColumns.map((c, i) => [c, values[i]])),
      );
      await tx`insert into ${tx(table)} ${tx(rows, ...issueColumns)}`;
    },

    /** The records with issues (rejected, or accepted with warnings), in file order, paged. */
    async records(db: Db, importId: number, query: IssueProtocolQuery): Promise<Page<ProtocolRecord>> {
      const having =
        query.only === 'rejected'
          ? db`having bool_or(severity = 'error')`
          : query.only === 'warnings'
            ? db`having not bool_or(severity = 'error')`
            : db``;
      const [items, total] = await Promise.all([
        db<ProtocolRecord[]>`
          select ordinal, min(record_id) as "recordId", bool_or(severity = 'error') as rejected,
                 json_agg(${issue(db)} order by seq) as issues
          from ${db(table)} where import_id = ${importId} and ordinal > 0
          group by ordinal ${having}
          order by ordinal limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`,
        db<{ n: number }[]>`
          select count(*)::int as n from (
            select ordinal from ${db(table)} where import_id = ${importId} and ordinal > 0
            group by ordinal ${having}) r`,
      ]);
      return { items: [...items], total: total[0]?.n ?? 0, page: query.page, pageSize: query.pageSize };
    },
  };
}

/** A page of a protocol kept as a jsonb array of records (`{ordinal, status, …}`) in the journal row. */
export async function jsonProtocolPage<T>(
  db: Db,
  place: { table: string; column: string },
  id: number,
  query: { page: number; pageSize: number; only?: 'rejected' | undefined },
): Promise<Page<T>> {
  const filter = query.only === 'rejected' ? db`and r->>'status' = 'rejected'` : db``;
  const rows = await db<{ record: T; total: number }[]>`
    select r as record, count(*) over ()::int as total
    from ${db(place.table)} f, jsonb_array_elements(coalesce(${db(`f.${place.column}`)}, '[]')) r
    where f.id = ${id} ${filter}
    order by (r->>'ordinal')::int
    limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`;
  return {
    items: rows.map((r) => r.record),
    total: rows[0]?.total ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}
