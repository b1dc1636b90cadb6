import type postgres from 'postgres';
import type { Tx } from '../db/connection';

/**
 * The exchange journal («Журнал обмена») spans areas: every area that receives packages registers a source of
 * journal entries (`Area.exchangeJournal`), the platform lists them together (exchange/journal.ts). A source
 * states its entries as one SQL select (the platform unions the sources, sorts and pages them in one statement)
 * and reads one entry's protocol. Row-level security of the source's tables scopes both: the fund sees every
 * package, an organisation its own.
 */
export const journalChannels = ['soap', 'rest', 'web', 'file'] as const;
export type JournalChannel = (typeof journalChannels)[number];

export const journalStatuses = [
  'accepted',
  'partially_accepted',
  'rejected',
  'processing',
  'failed',
  'duplicate',
] as const;
export type JournalStatus = (typeof journalStatuses)[number];

export interface JournalFilter {
  /** Received on or after this day (Moscow time is the region's; dates compare in the database's zone). */
  from?: string | undefined;
  /** Received on or before this day. */
  to?: string | undefined;
  sender?: string | undefined;
  channel?: JournalChannel | undefined;
  kind?: string | undefined;
  status?: JournalStatus | undefined;
  /** One entry by its id within the source (without the prefix). */
  id?: string | undefined;
}

/** One FLK finding of a package's protocol, flat: the record it is about and the issue. */
export interface JournalIssue {
  /** The record's position in the package (0: the package itself). */
  ordinal: number;
  /** The sender's id of the record, when it has one. */
  recordId: string | null;
  code: string;
  severity: 'error' | 'warning';
  field: string | null;
  value: string | null;
  message: string;
}

export type Fragment = postgres.PendingQuery<postgres.Row[]>;

export interface JournalSource {
  /** Prefix of the entries' ids in the journal (`hosp-15`, `erz-3`): unique among the sources. */
  id: string;
  /** The area's name as people say it («Госпитализация», «ЕРЗ»). */
  title: string;
  /** The kinds of packages of this source with their Russian names. */
  kinds: Readonly<Record<string, string>>;
  /**
   * The entries matching the filter (the kind, if given, is one of this source's), newest first, at most
   * `limit` (null: all of them, in no particular order — for counts and sums): columns `id` (bigint, without the prefix), `package_id` (the sender's, may be null),
   * `received_at`, `sender_code`, `channel`, `kind`, `status` (a `JournalStatus`), `total`, `accepted`,
   * `rejected` (null when not known). `journalConditions` states the filter on the source's columns.
   */
  entries(tx: Tx, filter: JournalFilter, limit: number | null): Fragment;
  /** Every FLK finding of the entry's protocol (at most `limit`), in record order. */
  issues(tx: Tx, id: string, limit: number): Promise<JournalIssue[]>;
}

/** The source's columns the journal filters on (`status` may be an expression over its own columns). */
export interface JournalColumns {
  id: Fragment;
  receivedAt: Fragment;
  sender: Fragment;
  channel: Fragment;
  kind: Fragment;
  status: Fragment;
}

/** The filter as conditions on a source's columns, joined with `and` (`true` when there is none). */
export function journalConditions(tx: Tx, f: JournalFilter, c: JournalColumns): Fragment {
  const parts = [
    f.id !== undefined && tx`${c.id} = ${f.id}::bigint`,
    f.from && tx`${c.receivedAt} >= ${f.from}::date`,
    f.to && tx`${c.receivedAt} < ${f.to}::date + 1`,
    f.sender && tx`${c.sender} = ${f.sender}`,
    f.channel && tx`${c.channel} = ${f.channel}`,
    f.kind && tx`${c.kind} = ${f.kind}`,
    f.status && tx`${c.status} = ${f.status}`,
  ].filter((p): p is Fragment => Boolean(p));
  return parts.reduce((acc, p) => tx`${acc} and ${p}`, tx`true`);
}

/**
 * The journal source of an area's package journal (`<area>.package`, the columns docs/adding-an-area.md gives):
 * one row per package of every channel, its protocol's records and issues as the FLK wrote them. Row-level
 * security of the table shows a package to its sender and to the fund.
 */
export function packageTableJournal(source: {
  id: string;
  title: string;
  table: string;
  kinds: Readonly<Record<string, string>>;
}): JournalSource {
  return {
    id: source.id,
    title: source.title,
    kinds: source.kinds,
    entries(tx, f, limit) {
      const where = journalConditions(tx, f, {
        id: tx`p.id`,
        receivedAt: tx`p.received_at`,
        sender: tx`p.sender_code`,
        channel: tx`p.channel`,
        kind: tx`p.kind`,
        status: tx`p.status`,
      });
      return tx`
        select p.id, p.package_id, p.received_at, p.sender_code, p.channel, p.kind, p.status, p.total, p.accepted,
               p.rejected
        from ${tx(source.table)} p where ${where}
        ${limit === null ? tx`` : tx`order by p.received_at desc, p.id desc limit ${limit}`}`;
    },
    issues: (tx, id, limit) => tx<JournalIssue[]>`
      select (r.value->>'ordinal')::int as ordinal, r.value->>'sourceId' as "recordId", i.value->>'code' as code,
             i.value->>'severity' as severity, i.value->>'field' as field, i.value->>'value' as value,
             i.value->>'message' as message
      from ${tx(source.table)} p
      cross join lateral jsonb_array_elements(p.protocol->'records') with ordinality r(value, n)
      cross join lateral jsonb_array_elements(r.value->'issues') with ordinality i(value, m)
      where p.id = ${id}::bigint
      order by r.n, i.m
      limit ${limit}`,
  };
}
