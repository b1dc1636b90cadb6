import { audit } from '../access/scoped';
import type { Tx } from '../db/connection';
import { groupIssues, type IssueGroup } from './journal-protocol';
import type {
  Fragment,
  JournalChannel,
  JournalFilter,
  JournalIssue,
  JournalSource,
  JournalStatus,
} from './journal-source';

/** One package in the exchange journal, whichever area and channel it came through. */
export interface JournalEntry {
  /** `<source>-<id>`, e.g. `hosp-15`. */
  id: string;
  source: string;
  sourceTitle: string;
  packageId: string | null;
  receivedAt: string;
  senderCode: string;
  senderName: string | null;
  channel: JournalChannel;
  kind: string;
  kindTitle: string;
  status: JournalStatus;
  total: number | null;
  accepted: number | null;
  rejected: number | null;
}

export interface JournalPage {
  items: JournalEntry[];
  hasMore: boolean;
  page: number;
  pageSize: number;
}

/** The sources a filter can match: a kind belongs to one source (or to none, and then nothing matches). */
function sourcesFor(sources: readonly JournalSource[], f: JournalFilter): JournalSource[] {
  return f.kind ? sources.filter((s) => f.kind !== undefined && f.kind in s.kinds) : [...sources];
}

/** The matching entries of every source as one relation (columns as `JournalSource.entries`, plus `source`). */
function union(
  tx: Tx,
  sources: readonly JournalSource[],
  f: JournalFilter,
  limit: number | null,
): Fragment | null {
  const parts = sourcesFor(sources, f).map(
    (s) => tx`select ${s.id}::text as source, e.* from (${s.entries(tx, f, limit)}) e`,
  );
  if (parts.length === 0) return null;
  return parts.reduce((acc, p) => tx`${acc} union all ${p}`);
}

interface EntryRow {
  source: string;
  id: string;
  package_id: string | null;
  received_at: Date;
  sender_code: string;
  sender_name: string | null;
  channel: JournalChannel;
  kind: string;
  status: JournalStatus;
  total: number | null;
  accepted: number | null;
  rejected: number | null;
}

function toEntry(sources: readonly JournalSource[], r: EntryRow): JournalEntry {
  const source = sources.find((s) => s.id === r.source);
  return {
    id: `${r.source}-${r.id}`,
    source: r.source,
    sourceTitle: source?.title ?? r.source,
    packageId: r.package_id,
    receivedAt: r.received_at.toISOString(),
    senderCode: r.sender_code,
    senderName: r.sender_name,
    channel: r.channel,
    kind: r.kind,
    kindTitle: source?.kinds[r.kind] ?? r.kind,
    status: r.status,
    total: r.total,
    accepted: r.accepted,
    rejected: r.rejected,
  };
}

async function selectEntries(
  tx: Tx,
  sources: readonly JournalSource[],
  f: JournalFilter,
  limit: number,
  offset: number,
): Promise<JournalEntry[]> {
  const all = union(tx, sources, f, limit + offset);
  if (!all) return [];
  const rows = await tx<EntryRow[]>`
    select j.source, j.id::text as id, j.package_id, j.received_at, j.sender_code, o.short_name as sender_name,
           j.channel, j.kind, j.status, j.total, j.accepted, j.rejected
    from (${all}) j left join org.organisation o on o.code = j.sender_code
    order by j.received_at desc, j.source, j.id desc
    limit ${limit} offset ${offset}`;
  return rows.map((r) => toEntry(sources, r));
}

/**
 * A page of the journal, newest first: every source's entries in the caller's scope (row-level security), each
 * source read only as far as the page needs. The read is audited (protocols may repeat senders' values).
 */
export async function listJournal(
  tx: Tx,
  sources: readonly JournalSource[],
  q: JournalFilter & { page: number; pageSize: number },
): Promise<JournalPage> {
  const rows = await selectEntries(tx, sources, q, q.pageSize + 1, (q.page - 1) * q.pageSize);
  const items = rows.slice(0, q.pageSize);
  if (items.length > 0) await audit(tx, 'read', 'exchange.journal', { records: items.map((i) => i.id) });
  return { items, hasMore: rows.length > q.pageSize, page: q.page, pageSize: q.pageSize };
}

/** How many entries match the filter (a worklist count: the same filter as the list it opens). */
export async function countJournal(
  tx: Tx,
  sources: readonly JournalSource[],
  f: JournalFilter,
): Promise<number> {
  const all = union(tx, sources, f, null);
  if (!all) return 0;
  const [row] = await tx<{ n: number }[]>`select count(*)::int as n from (${all}) j`;
  return row?.n ?? 0;
}

/** How many entries match the filter from each sender (most first), with the sender's name. */
export async function countJournalBySender(
  tx: Tx,
  sources: readonly JournalSource[],
  f: JournalFilter,
): Promise<{ senderCode: string; senderName: string | null; count: number }[]> {
  const all = union(tx, sources, f, null);
  if (!all) return [];
  return tx<{ senderCode: string; senderName: string | null; count: number }[]>`
    select j.sender_code as "senderCode", min(o.short_name) as "senderName", count(*)::int as count
    from (${all}) j left join org.organisation o on o.code = j.sender_code
    group by j.sender_code order by count(*) desc, j.sender_code`;
}

function splitId(sources: readonly JournalSource[], entryId: string) {
  const match = /^([a-z]+)-(\d{1,18})$/.exec(entryId);
  const source = match && sources.find((s) => s.id === match[1]);
  return source && match ? { source, id: match[2] as string } : null;
}

export const protocolIssueCap = 100_000;

/** One entry with its protocol's findings (all of them, at most the cap), or null outside the caller's scope. */
export async function journalEntryIssues(
  tx: Tx,
  sources: readonly JournalSource[],
  entryId: string,
): Promise<{ entry: JournalEntry; issues: JournalIssue[] } | null> {
  const key = splitId(sources, entryId);
  if (!key) return null;
  const [entry] = await selectEntries(tx, [key.source], { id: key.id }, 1, 0);
  if (!entry) return null;
  const issues = await key.source.issues(tx, key.id, protocolIssueCap);
  await audit(tx, 'read', 'exchange.protocol', { records: [entry.id] });
  return { entry, issues };
}

/** One entry with its protocol grouped by FLK code and field. */
export async function journalEntry(
  tx: Tx,
  sources: readonly JournalSource[],
  entryId: string,
): Promise<(JournalEntry & { groups: IssueGroup[]; findings: number }) | null> {
  const found = await journalEntryIssues(tx, sources, entryId);
  if (!found) return null;
  return { ...found.entry, groups: groupIssues(found.issues), findings: found.issues.length };
}

/** Packages received per day over the last `days` days (today included), in the caller's scope (of one sender). */
export async function dailyVolume(
  tx: Tx,
  sources: readonly JournalSource[],
  days: number,
  sender?: string,
): Promise<{ day: string; packages: number; records: number | null }[]> {
  const [{ from: fromDay } = { from: '' }] = await tx<{ from: string }[]>`
    select (current_date - ${days - 1}::int)::text as from`;
  const all = union(tx, sources, { from: fromDay, sender }, null);
  if (!all) return [];
  return tx<{ day: string; packages: number; records: number | null }[]>`
    select d.day::date::text as day, coalesce(x.packages, 0)::int as packages, x.records::int as records
    from generate_series(${fromDay}::date, current_date, interval '1 day') d(day)
    left join (select j.received_at::date as day, count(*) as packages, sum(j.total) as records
               from (${all}) j group by 1) x on x.day = d.day::date
    order by d.day`;
}

/** Organisations of a kind with nothing received from them for `days` days (the fund's worklist). */
export interface SilentOrganisation {
  code: string;
  shortName: string;
  lastReceivedAt: string | null;
}

/**
 * Organisations of the given kinds that have sent nothing over any channel in the last `days` days, with when
 * they last did (null: never). Meaningful for the fund, which sees every package.
 */
export async function silentOrganisations(
  tx: Tx,
  sources: readonly JournalSource[],
  kinds: readonly string[],
  days: number,
): Promise<SilentOrganisation[]> {
  const all = union(tx, sources, {}, null);
  // Per organisation, so that each source answers its latest package by its (sender, received) index.
  const last = all
    ? tx`(select max(j.received_at) from (${all}) j where j.sender_code = o.code)`
    : tx`null::timestamptz`;
  const rows = await tx<{ code: string; short_name: string; last: Date | null }[]>`
    select o.code, o.short_name, x.last from org.organisation o
    cross join lateral (select ${last} as last) x
    where o.kind = any(${kinds}::text[]) and (o.date_end is null or o.date_end >= current_date)
      and (x.last is null or x.last < current_date - ${days - 1}::int)
    order by x.last nulls first, o.short_name`;
  return rows.map((r) => ({
    code: r.code,
    shortName: r.short_name,
    lastReceivedAt: r.last ? r.last.toISOString() : null,
  }));
}
