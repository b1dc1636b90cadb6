import type { Caller } from '../access/caller';
import type { Db, Tx } from '../db/connection';
import { assignments, columnValue, commaList, type Fragment } from './sql-lists';

/**
 * The journal of received files, for every file import (ЕРЗ extracts `ops.erz_import`, T-files `hosp.t_file`,
 * registry invoices …): one row per received file with its SHA-256, uploader, status and counts. Registered on
 * upload with duplicate detection, claimed by the queue consumer (attempts counted), finished, or marked failed.
 * Every table has the columns of migration 003/007 (`id, channel, file_name, file_size, file_sha256, blob_key,
 * status, duplicate_of, uploaded_by, org_code, role, received_at, started_at, finished_at, attempts, error,
 * header, counts`) plus its own, and a unique index on the content of live rows; every function runs in a
 * caller-scoped transaction, so row-level security decides who sees and writes what.
 */

export const fileStatuses = ['queued', 'processing', 'done', 'rejected', 'failed', 'duplicate'] as const;
export type FileStatus = (typeof fileStatuses)[number];

/** Statuses in which the same content must not be imported again (the unique index's predicate). */
export const liveStatuses: readonly FileStatus[] = ['queued', 'processing', 'done'];
const finishedStatuses: readonly FileStatus[] = ['done', 'rejected', 'duplicate'];

export interface JournalEntry {
  id: number;
  channel: 'web' | 'rest' | 'soap' | 'file';
  fileName: string | null;
  fileSize: number | null;
  status: FileStatus;
  duplicateOf: number | null;
  uploadedBy: string;
  orgCode: string;
  receivedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  attempts: number;
  error: string | null;
  header: unknown;
  counts: unknown;
}

export interface FileJournalSpec {
  /** `schema.table` of the journal. */
  table: string;
  /** Where the same content counts as a duplicate: anywhere, or within the uploader's organisation. */
  duplicates: 'anywhere' | 'organisation';
  /** The table's own columns the entries carry, as `column → property`. */
  columns?: Readonly<Record<string, string>>;
}

export interface NewFile {
  channel: JournalEntry['channel'];
  fileName: string | null;
  fileSize: number | null;
  sha256: string;
  blobKey: string | null;
  /** `queued` for a file waiting for the queue consumer, `processing` for records imported at once (SOAP). */
  status?: 'queued' | 'processing';
  /** Values of the table's own columns. */
  values?: Readonly<Record<string, string | number | null>>;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ListQuery {
  page: number;
  pageSize: number;
  status?: FileStatus | undefined;
  /** Equality filters on the table's own columns (undefined: no filter). */
  where?: Readonly<Record<string, string | undefined>>;
}

export type Claim<E> =
  /** Processing starts: the entry (status processing, attempts counted) and where its bytes are. */
  | { outcome: 'claimed'; entry: E; blobKey: string | null; sha256: string }
  /** Nothing left to do: finished before, or the same content is carried by another upload (now `duplicate`). */
  | { outcome: 'finished'; entry: E }
  | { outcome: 'missing' };

/** The journal entry named by a queue message does not exist (or is not visible to its requester). */
export class FileEntryNotFoundError extends Error {
  constructor(table: string) {
    super(`${table}: journal entry not found`);
    this.name = 'FileEntryNotFoundError';
  }
}

/** The message's requester is not the file's uploader. */
export class FileOwnerError extends Error {
  constructor(table: string) {
    super(`${table}: the file was uploaded by another account`);
    this.name = 'FileOwnerError';
  }
}

const baseColumns: Readonly<Record<string, string>> = {
  id: 'id',
  channel: 'channel',
  file_name: 'fileName',
  file_size: 'fileSize',
  status: 'status',
  duplicate_of: 'duplicateOf',
  uploaded_by: 'uploadedBy',
  org_code: 'orgCode',
  received_at: 'receivedAt',
  started_at: 'startedAt',
  finished_at: 'finishedAt',
  attempts: 'attempts',
  error: 'error',
  header: 'header',
  counts: 'counts',
};

type Row = Record<string, unknown> & { id: string; duplicateOf: string | null; fileSize: string | null };

/** bigint columns arrive as strings. */
function toEntry<E>(row: Row): E {
  return {
    ...row,
    id: Number(row.id),
    duplicateOf: row.duplicateOf === null ? null : Number(row.duplicateOf),
    fileSize: row.fileSize === null ? null : Number(row.fileSize),
  } as E;
}

export interface FileJournal<E extends JournalEntry> {
  /** `schema.table` of the journal (logs). */
  readonly table: string;
  register(tx: Tx, input: NewFile): Promise<{ entry: E; duplicate: boolean }>;
  find(db: Db, id: number): Promise<E | null>;
  list(db: Db, query: ListQuery): Promise<Page<E>>;
  /** Claims a file for processing; with `owner`, only for the account that uploaded it. */
  claim(tx: Tx, id: number, owner?: Pick<Caller, 'username' | 'role' | 'orgCode'>): Promise<Claim<E>>;
  /** The file is done (its records processed) or rejected as a whole; `values` set the table's own columns. */
  finish(
    tx: Tx,
    id: number,
    outcome: { status: 'done' | 'rejected'; values?: Readonly<Record<string, unknown>> },
  ): Promise<void>;
  /**
   * The file could not be processed: `error` is a Russian sentence the UI and REST show, at most 100 characters
   * (never an error class, a library's message or data; `fileFailureMessages` in file-run.ts).
   */
  fail(tx: Tx, id: number, error: string): Promise<void>;
}

export function fileJournal<E extends JournalEntry>(spec: FileJournalSpec): FileJournal<E> {
  const allColumns = { ...baseColumns, ...spec.columns };
  const columns = (db: Db) =>
    commaList(
      db,
      Object.entries(allColumns).map(([column, property]) =>
        column === property ? db`${db(column)}` : db`${db(column)} as ${db(property)}`,
      ),
    );
  const table = (db: Db) => db(spec.table);
  const byOrganisation = spec.duplicates === 'organisation';
  /** The content's key of the unique index (migration 003: content; 007: organisation + content). */
  const contentKey = (db: Db) => (byOrganisation ? db`(org_code, file_sha256)` : db`(file_sha256)`);
  const live = (db: Db) => db`status in ('queued', 'processing', 'done')`;

  async function find(db: Db, id: number): Promise<E | null> {
    const [row] = await db<Row[]>`select ${columns(db)} from ${table(db)} where id = ${id}`;
    return row ? toEntry<E>(row) : null;
  }

  return {
    table: spec.table,

    async register(tx, input) {
      const status = input.status ?? 'queued';
      const own = Object.entries(input.values ?? {});
      const ownColumns = own.length
        ? tx`, ${commaList(
            tx,
            own.map(([c]) => tx`${tx(c)}`),
          )}`
        : tx``;
      const ownValues = own.length
        ? tx`, ${commaList(
            tx,
            own.map(([, v]) => columnValue(tx, v)),
          )}`
        : tx``;
      for (let attempt = 0; attempt < 3; attempt++) {
        const [created] = await tx<Row[]>`
          insert into ${table(tx)} (channel, file_name, file_size, file_sha256, blob_key, status, uploaded_by,
                                    org_code, role, started_at ${ownColumns})
          values (${input.channel}, ${input.fileName}, ${input.fileSize}, ${input.sha256}, ${input.blobKey},
                  ${status}, app.username(), app.org_code(), app.role(),
                  ${status === 'processing' ? tx`now()` : null} ${ownValues})
          on conflict ${contentKey(tx)} where ${live(tx)} do nothing
          returning ${columns(tx)}`;
        if (created) return { entry: toEntry<E>(created), duplicate: false };
        const [original] = await tx<{ id: string }[]>`
          select id from ${table(tx)}
          where file_sha256 = ${input.sha256} and ${live(tx)}
            ${byOrganisation ? tx`and org_code = app.org_code()` : tx``}`;
        if (!original) continue; // the original failed meanwhile: register again
        const [duplicate] = await tx<Row[]>`
          insert into ${table(tx)} (channel, file_name, file_size, file_sha256, status, duplicate_of, uploaded_by,
                                    org_code, role, finished_at ${ownColumns})
          values (${input.channel}, ${input.fileName}, ${input.fileSize}, ${input.sha256}, 'duplicate',
                  ${original.id}, app.username(), app.org_code(), app.role(), now() ${ownValues})
          returning ${columns(tx)}`;
        return { entry: toEntry<E>(duplicate!), duplicate: true };
      }
      throw new Error(`Could not register the file in ${spec.table}`);
    },

    find,

    async list(db, query) {
      const conditions: Fragment[] = [];
      if (query.status) conditions.push(db`status = ${query.status}`);
      for (const [column, value] of Object.entries(query.where ?? {})) {
        if (value !== undefined) conditions.push(db`${db(column)} = ${value}`);
      }
      const where = conditions.reduce<Fragment>(
        (acc, c, i) => (i === 0 ? db`where ${c}` : db`${acc} and ${c}`),
        db``,
      );
      const [items, total] = await Promise.all([
        db<Row[]>`
          select ${columns(db)} from ${table(db)} ${where}
          order by received_at desc, id desc
          limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`,
        db<{ n: number }[]>`select count(*)::int as n from ${table(db)} ${where}`,
      ]);
      return {
        items: items.map((r) => toEntry<E>(r)),
        total: total[0]?.n ?? 0,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    async claim(tx, id, owner) {
      const [row] = await tx<
        {
          status: FileStatus;
          uploadedBy: string;
          role: string;
          orgCode: string;
          blobKey: string | null;
          sha256: string;
        }[]
      >`
        select status, uploaded_by as "uploadedBy", role, org_code as "orgCode", blob_key as "blobKey",
               file_sha256 as sha256
        from ${table(tx)} where id = ${id} for update`;
      if (!row) {
        if (owner) throw new FileEntryNotFoundError(spec.table);
        return { outcome: 'missing' };
      }
      if (
        owner &&
        (row.uploadedBy !== owner.username || row.role !== owner.role || row.orgCode !== owner.orgCode)
      ) {
        throw new FileOwnerError(spec.table);
      }
      if (finishedStatuses.includes(row.status)) return { outcome: 'finished', entry: (await find(tx, id))! };
      // A failed file retried after the same content was uploaded again: that upload carries it now.
      const [carrier] = await tx<{ id: string }[]>`
        select other.id from ${table(tx)} mine
        join ${table(tx)} other on other.file_sha256 = mine.file_sha256 and other.id <> mine.id
          ${byOrganisation ? tx`and other.org_code = mine.org_code` : tx``}
        where mine.id = ${id} and other.status in ('queued', 'processing', 'done')`;
      if (carrier) {
        await tx`
          update ${table(tx)} set status = 'duplicate', duplicate_of = ${carrier.id}, finished_at = now()
          where id = ${id}`;
        return { outcome: 'finished', entry: (await find(tx, id))! };
      }
      // Queued, failed, or left `processing` by a consumer that died (the queue redelivers its message).
      await tx`
        update ${table(tx)}
        set status = 'processing', started_at = now(), finished_at = null, error = null, attempts = attempts + 1
        where id = ${id}`;
      return { outcome: 'claimed', entry: (await find(tx, id))!, blobKey: row.blobKey, sha256: row.sha256 };
    },

    // The end of the work, not of the transaction's start (`now()`): a file is imported in one long transaction.
    async finish(tx, id, outcome) {
      const own =
        outcome.values && Object.keys(outcome.values).length
          ? tx`, ${assignments(tx, outcome.values)}`
          : tx``;
      await tx`
        update ${table(tx)} set status = ${outcome.status}, finished_at = clock_timestamp() ${own}
        where id = ${id}`;
    },

    async fail(tx, id, error) {
      await tx`
        update ${table(tx)} set status = 'failed', error = ${error.slice(0, 100)}, finished_at = clock_timestamp()
        where id = ${id} and status in ('queued', 'processing')`;
    },
  };
}
