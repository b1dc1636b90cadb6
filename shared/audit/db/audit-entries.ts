import type { Tx } from '../../platform/db/connection';
import type { AuditEntryRow } from '../domain/audit-entry';
import { type AuditFilter, auditDayTimeZone, isAuditDay } from '../domain/audit-filter';
import type { AuditCursor } from '../domain/audit-paging';

/** An entry with its position in the log's order (full microsecond precision, for the next cursor). */
export interface AuditEntryWithKey extends AuditEntryRow {
  atKey: string;
}

/**
 * The WHERE clause of a filter, written so that every condition can use an index under row-level security
 * (only leakproof operators on columns; person and record ids through the lookup functions of migration 005).
 */
function filterClause(tx: Tx, filter: AuditFilter, cursor?: AuditCursor) {
  const parts = [];
  if (filter.from) {
    parts.push(
      isAuditDay(filter.from)
        ? tx`e.at >= (${filter.from}::text::date::timestamp at time zone ${auditDayTimeZone})`
        : tx`e.at >= ${filter.from}::text::timestamptz`,
    );
  }
  if (filter.to) {
    parts.push(
      isAuditDay(filter.to)
        ? tx`e.at < ((${filter.to}::text::date + 1)::timestamp at time zone ${auditDayTimeZone})`
        : tx`e.at <= ${filter.to}::text::timestamptz`,
    );
  }
  if (filter.username) parts.push(tx`e.username = ${filter.username}`);
  if (filter.orgCode) parts.push(tx`e.org_code = ${filter.orgCode}`);
  if (filter.role) parts.push(tx`e.role = ${filter.role}`);
  if (filter.channel) parts.push(tx`e.channel = ${filter.channel}`);
  if (filter.action) parts.push(tx`e.action = ${filter.action}`);
  if (filter.entity) parts.push(tx`e.entity = ${filter.entity}`);
  if (filter.requestId) parts.push(tx`e.request_id = ${filter.requestId}`);
  if (filter.personId !== undefined) {
    parts.push(tx`e.id in (select audit.entry_ids_of_person(${String(filter.personId)}::bigint))`);
  }
  if (filter.recordId) parts.push(tx`e.id in (select audit.entry_ids_of_record(${filter.recordId}))`);
  if (cursor) {
    // The cursor's time travels as text: postgres.js would round a timestamptz parameter to milliseconds.
    parts.push(tx`e.at <= ${cursor.at}::text::timestamptz
      and (e.at < ${cursor.at}::text::timestamptz or e.id < ${cursor.id}::text::bigint)`);
  }
  return parts.reduce((clause, part) => tx`${clause} and ${part}`, tx`true`);
}

export interface AuditSlice {
  limit: number;
  offset?: number;
  after?: AuditCursor;
}

/** Entries matching the filter, newest first, enriched with the organisation's short name and the account's
 * full name (also of an account row-level security hides from the caller: the name only, `auth.full_names`). */
export async function findAuditEntries(
  tx: Tx,
  filter: AuditFilter,
  slice: AuditSlice,
): Promise<AuditEntryWithKey[]> {
  return tx<AuditEntryWithKey[]>`
    with page as (
      select * from audit.entry e
      where ${filterClause(tx, filter, slice.after)}
      order by e.at desc, e.id desc
      limit ${slice.limit} offset ${slice.offset ?? 0}
    )
    select e.id::text as id, e.at,
           to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "atKey",
           e.username, a.full_name as "fullName", e.org_code as "orgCode", o.short_name as "orgShortName",
           e.role, e.channel, e.action, e.entity, e.record_ids as "recordIds",
           e.person_ids::text[] as "personIds", e.record_count as "recordCount", e.request_id as "requestId",
           e.details
    from page e
    left join org.organisation o on o.code = e.org_code
    left join auth.full_names(array(select distinct p.username from page p)) a on a.username = e.username
    order by e.at desc, e.id desc`;
}

/** How many entries match, counted up to `cap` + 1 (so the answer can say «more than cap»). */
export async function countAuditEntries(tx: Tx, filter: AuditFilter, cap: number): Promise<number> {
  const [row] = await tx<{ n: number }[]>`
    select count(*)::int as n
    from (select 1 from audit.entry e where ${filterClause(tx, filter)} limit ${cap + 1}) matched`;
  return row?.n ?? 0;
}

/** All matching entries in chunks (keyset over `at desc, id desc`), for exports. */
export async function* auditEntriesInChunks(
  tx: Tx,
  filter: AuditFilter,
  chunkSize: number,
): AsyncGenerator<AuditEntryWithKey[]> {
  let after: AuditCursor | undefined;
  for (;;) {
    const rows = await findAuditEntries(tx, filter, { limit: chunkSize, ...(after ? { after } : {}) });
    if (rows.length > 0) yield rows;
    if (rows.length < chunkSize) return;
    const last = rows[rows.length - 1]!;
    after = { at: last.atKey, id: last.id };
  }
}

/** Is the person within the caller's scope? (Row-level security hides everyone else.) */
export async function personVisible(tx: Tx, personId: number): Promise<boolean> {
  return (await tx`select 1 from person.person where id = ${String(personId)}::bigint`).length > 0;
}
