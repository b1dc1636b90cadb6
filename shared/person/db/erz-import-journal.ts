import type { Db, Tx } from '../../platform/db/connection';
import type { ErzFinding } from '../domain/erz-flk';
import type { ErzExtractHeader } from '../formats/erz-extract-reader';

/**
 * The journal of ЕРЗ imports (`ops.erz_import`) and its protocol (`ops.erz_import_error`). Every function runs
 * in a caller-scoped transaction: row-level security lets only the fund read them and only the register
 * writers (fund administrator, РС ЕРЗ system) write them.
 */

export const erzImportStatuses = ['queued', 'processing', 'done', 'rejected', 'failed', 'duplicate'] as const;
export type ErzImportStatus = (typeof erzImportStatuses)[number];

export interface ErzImportCounts {
  /** Records (`PERS`) in the extract. */
  total: number;
  accepted: number;
  rejected: number;
  /** Accepted records that added a person to the register. */
  created: number;
  /** Accepted records that changed a registered person's data (demographics or a history). */
  updated: number;
  /** Accepted records that confirmed a registered person's data as it was. */
  unchanged: number;
  /** Accepted records with at least one warning. */
  warnings: number;
}

export interface ErzImport {
  id: number;
  channel: 'web' | 'rest' | 'soap' | 'file';
  fileName: string | null;
  fileSize: number | null;
  packageId: string | null;
  status: ErzImportStatus;
  duplicateOf: number | null;
  uploadedBy: string;
  orgCode: string;
  receivedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  attempts: number;
  error: string | null;
  header: ErzExtractHeader | null;
  counts: ErzImportCounts | null;
}

/** One record of the protocol: its position and id in the extract, whether it was applied, its findings. */
export interface ErzProtocolRecord {
  ordinal: number;
  recordId: string | null;
  status: 'accepted' | 'rejected';
  findings: ErzFinding[];
}

/** Statuses in which the same content must not be imported again. */
export const liveStatuses: readonly ErzImportStatus[] = ['queued', 'processing', 'done'];

type Row = Omit<ErzImport, 'id' | 'duplicateOf' | 'fileSize'> & {
  id: string;
  duplicateOf: string | null;
  fileSize: string | null;
};

const columns = (db: Db) => db`
  id, channel, file_name as "fileName", file_size as "fileSize", package_id as "packageId", status,
  duplicate_of as "duplicateOf", uploaded_by as "uploadedBy", org_code as "orgCode", received_at as "receivedAt",
  started_at as "startedAt", finished_at as "finishedAt", attempts, error, header, counts`;

function toImport(row: Row): ErzImport {
  return {
    ...row,
    id: Number(row.id),
    duplicateOf: row.duplicateOf === null ? null : Number(row.duplicateOf),
    fileSize: row.fileSize === null ? null : Number(row.fileSize),
  };
}

export interface NewErzImport {
  channel: ErzImport['channel'];
  fileName: string | null;
  fileSize: number | null;
  sha256: string;
  blobKey: string | null;
  packageId?: string | null;
  /** `queued` for a file waiting for the queue consumer, `processing` for records imported at once (SOAP). */
  status: 'queued' | 'processing';
}

/**
 * Registers a received extract. Content already queued, in progress or applied (same SHA-256) is recorded as
 * a `duplicate` of that import and must not be processed; the unique index makes this safe under concurrency.
 * The uploader, organisation and role are the transaction's caller.
 */
export async function registerErzImport(
  tx: Tx,
  input: NewErzImport,
): Promise<{ import: ErzImport; duplicate: boolean }> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const [created] = await tx<Row[]>`
      insert into ops.erz_import (channel, file_name, file_size, file_sha256, package_id, blob_key, status,
                                  uploaded_by, org_code, role, started_at)
      values (${input.channel}, ${input.fileName}, ${input.fileSize}, ${input.sha256}, ${input.packageId ?? null},
              ${input.blobKey}, ${input.status}, app.username(), app.org_code(), app.role(),
              ${input.status === 'processing' ? tx`now()` : null})
      on conflict (file_sha256) where status in ('queued', 'processing', 'done') do nothing
      returning ${columns(tx)}`;
    if (created) return { import: toImport(created), duplicate: false };
    const [original] = await tx<{ id: string }[]>`
      select id from ops.erz_import
      where file_sha256 = ${input.sha256} and status in ('queued', 'processing', 'done')`;
    if (!original) continue; // the original failed meanwhile: register again
    const [duplicate] = await tx<Row[]>`
      insert into ops.erz_import (channel, file_name, file_size, file_sha256, package_id, status, duplicate_of,
                                  uploaded_by, org_code, role, finished_at)
      values (${input.channel}, ${input.fileName}, ${input.fileSize}, ${input.sha256}, ${input.packageId ?? null},
              'duplicate', ${original.id}, app.username(), app.org_code(), app.role(), now())
      returning ${columns(tx)}`;
    return { import: toImport(duplicate!), duplicate: true };
  }
  throw new Error('Could not register the ЕРЗ import');
}

export async function findErzImport(db: Db, id: number): Promise<ErzImport | null> {
  const [row] = await db<Row[]>`select ${columns(db)} from ops.erz_import where id = ${id}`;
  return row ? toImport(row) : null;
}

export interface ErzImportQuery {
  page: number;
  pageSize: number;
  status?: ErzImportStatus | undefined;
}

/** The journal, newest first, paged. */
export async function listErzImports(db: Db, query: ErzImportQuery) {
  const filter = query.status ? db`where status = ${query.status}` : db``;
  const [items, total] = await Promise.all([
    db<Row[]>`
      select ${columns(db)} from ops.erz_import ${filter}
      order by received_at desc, id desc
      limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`,
    db<{ n: number }[]>`select count(*)::int as n from ops.erz_import ${filter}`,
  ]);
  return { items: items.map(toImport), total: total[0]?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

export interface ErzProtocolQuery {
  page: number;
  pageSize: number;
  /** Only rejected records, or only accepted records with warnings. */
  only?: 'rejected' | 'warnings' | undefined;
}

/** Findings about the package itself (ordinal 0: the file could not be read as an extract). */
export async function readErzPackageFindings(db: Db, id: number): Promise<ErzFinding[]> {
  return db<ErzFinding[]>`
    select severity, code, rule, field, value, message from ops.erz_import_error
    where import_id = ${id} and ordinal = 0 order by seq`;
}

/** The protocol's records (rejected, or accepted with warnings), in file order, paged. */
export async function readErzProtocol(db: Db, id: number, query: ErzProtocolQuery) {
  const having =
    query.only === 'rejected'
      ? db`having bool_or(severity = 'error')`
      : query.only === 'warnings'
        ? db`having not bool_or(severity = 'error')`
        : db``;
  const [items, total] = await Promise.all([
    db<{ ordinal: number; recordId: string | null; rejected: boolean; findings: ErzFinding[] }[]>`
      select ordinal, min(record_id) as "recordId", bool_or(severity = 'error') as rejected,
             json_agg(json_build_object('severity', severity, 'code', code, 'rule', rule, 'field', field,
                                        'value', value, 'message', message) order by seq) as findings
      from ops.erz_import_error where import_id = ${id} and ordinal > 0
      group by ordinal ${having}
      order by ordinal limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`,
    db<{ n: number }[]>`
      select count(*)::int as n from (
        select ordinal from ops.erz_import_error where import_id = ${id} and ordinal > 0
        group by ordinal ${having}) r`,
  ]);
  const records: ErzProtocolRecord[] = items.map((r) => ({
    ordinal: r.ordinal,
    recordId: r.recordId,
    status: r.rejected ? 'rejected' : 'accepted',
    findings: r.findings,
  }));
  return { items: records, total: total[0]?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

/** A technical failure: the error class only (never data); the queue retries the message. */
export async function markErzImportFailed(tx: Tx, id: number, error: string): Promise<void> {
  await tx`
    update ops.erz_import set status = 'failed', error = ${error.slice(0, 100)}, finished_at = now()
    where id = ${id} and status in ('queued', 'processing')`;
}
