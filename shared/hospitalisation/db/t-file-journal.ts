import type { Db, Tx } from '../../platform/db/connection';
import type { FlkIssue } from '../../platform/flk/issue';
import type { TFileHeader } from '../formats/t-family/t-file-reader';
import type { RecordProtocol } from './process-package';

/**
 * The journal of T-files (`hosp.t_file`, migration 007): registered on upload, claimed and finished by the
 * queue consumer. Every function runs in a caller-scoped transaction: row-level security shows a file to its
 * organisation and the fund, and lets only its organisation write it.
 */

export const tFileStatuses = ['queued', 'processing', 'done', 'rejected', 'failed', 'duplicate'] as const;
export type TFileStatus = (typeof tFileStatuses)[number];

export interface TFileCounts {
  total: number;
  accepted: number;
  rejected: number;
}

export interface TFileImport {
  id: number;
  channel: 'web' | 'rest' | 'soap' | 'file';
  fileName: string;
  fileSize: number;
  status: TFileStatus;
  duplicateOf: number | null;
  uploadedBy: string;
  orgCode: string;
  receivedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  attempts: number;
  error: string | null;
  fileType: string | null;
  header: TFileHeader | null;
  counts: TFileCounts | null;
  result: 'accepted' | 'partially_accepted' | 'rejected' | null;
  packageIssues: FlkIssue[] | null;
}

type Row = Omit<TFileImport, 'id' | 'duplicateOf' | 'fileSize'> & {
  id: string;
  duplicateOf: string | null;
  fileSize: string;
};

const columns = (db: Db) => db`
  id, channel, file_name as "fileName", file_size as "fileSize", status, duplicate_of as "duplicateOf",
  uploaded_by as "uploadedBy", org_code as "orgCode", received_at as "receivedAt", started_at as "startedAt",
  finished_at as "finishedAt", attempts, error, file_type as "fileType", header, counts, result,
  package_issues as "packageIssues"`;

function toImport(row: Row): TFileImport {
  return {
    ...row,
    id: Number(row.id),
    duplicateOf: row.duplicateOf === null ? null : Number(row.duplicateOf),
    fileSize: Number(row.fileSize),
  };
}

export interface NewTFile {
  channel: TFileImport['channel'];
  fileName: string;
  fileSize: number;
  sha256: string;
  blobKey: string;
}

/**
 * Registers an uploaded file (status queued). The same content of the same organisation already queued, in
 * progress or done is recorded as a `duplicate` of it and must not be processed again.
 */
export async function registerTFile(
  tx: Tx,
  input: NewTFile,
): Promise<{ file: TFileImport; duplicate: boolean }> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const [created] = await tx<Row[]>`
      insert into hosp.t_file (channel, file_name, file_size, file_sha256, blob_key, status, uploaded_by, org_code, role)
      values (${input.channel}, ${input.fileName}, ${input.fileSize}, ${input.sha256}, ${input.blobKey}, 'queued',
              app.username(), app.org_code(), app.role())
      on conflict (org_code, file_sha256) where status in ('queued', 'processing', 'done') do nothing
      returning ${columns(tx)}`;
    if (created) return { file: toImport(created), duplicate: false };
    const [original] = await tx<{ id: string }[]>`
      select id from hosp.t_file
      where org_code = app.org_code() and file_sha256 = ${input.sha256} and status in ('queued', 'processing', 'done')`;
    if (!original) continue;
    const [duplicate] = await tx<Row[]>`
      insert into hosp.t_file (channel, file_name, file_size, file_sha256, status, duplicate_of, uploaded_by, org_code,
                               role, finished_at)
      values (${input.channel}, ${input.fileName}, ${input.fileSize}, ${input.sha256}, 'duplicate', ${original.id},
              app.username(), app.org_code(), app.role(), now())
      returning ${columns(tx)}`;
    return { file: toImport(duplicate!), duplicate: true };
  }
  throw new Error('Could not register the T-file');
}

export async function findTFile(db: Db, id: number): Promise<TFileImport | null> {
  const [row] = await db<Row[]>`select ${columns(db)} from hosp.t_file where id = ${id}`;
  return row ? toImport(row) : null;
}

/** The file's per-record protocol, in file order (optionally only the rejected records), paged. */
export async function readTFileProtocol(
  db: Db,
  id: number,
  query: { page: number; pageSize: number; only?: 'rejected' | undefined },
): Promise<{ items: RecordProtocol[]; total: number; page: number; pageSize: number }> {
  const filter = query.only === 'rejected' ? db`and r->>'status' = 'rejected'` : db``;
  const rows = await db<{ record: RecordProtocol; total: number }[]>`
    select r as record, count(*) over ()::int as total
    from hosp.t_file f, jsonb_array_elements(coalesce(f.protocol, '[]')) r
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

export interface TFileListQuery {
  page: number;
  pageSize: number;
  status?: TFileStatus | undefined;
  type?: string | undefined;
}

/** The journal within the caller's scope, newest first, paged. */
export async function listTFiles(db: Db, query: TFileListQuery) {
  const conditions = [
    query.status ? db`status = ${query.status}` : null,
    query.type ? db`file_type = ${query.type}` : null,
  ].filter((c) => c !== null);
  const where = conditions.length
    ? conditions.reduce((acc, c, i) => (i === 0 ? db`where ${c}` : db`${acc} and ${c}`), db``)
    : db``;
  const [items, total] = await Promise.all([
    db<Row[]>`
      select ${columns(db)} from hosp.t_file ${where}
      order by received_at desc, id desc
      limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`,
    db<{ n: number }[]>`select count(*)::int as n from hosp.t_file ${where}`,
  ]);
  return { items: items.map(toImport), total: total[0]?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

/**
 * Claims a file for processing: queued or failed → processing (attempts + 1). Returns the blob key, or the
 * finished file when there is nothing left to do (a message delivered again).
 */
export async function claimTFile(
  tx: Tx,
  id: number,
): Promise<
  | { claimed: true; blobKey: string; fileName: string; sha256: string; attempts: number }
  | { claimed: false; file: TFileImport | null }
> {
  // A file left `processing` by a consumer that died is claimed again (the queue redelivers its message).
  const [row] = await tx<{ blobKey: string; fileName: string; sha256: string; attempts: number }[]>`
    update hosp.t_file set status = 'processing', started_at = now(), attempts = attempts + 1, error = null
    where id = ${id} and status in ('queued', 'failed', 'processing')
    returning blob_key as "blobKey", file_name as "fileName", file_sha256 as sha256, attempts`;
  if (row) return { claimed: true, ...row };
  return { claimed: false, file: await findTFile(tx, id) };
}

export interface TFileOutcome {
  status: 'done' | 'rejected';
  fileType: string | null;
  header: TFileHeader | null;
  counts: TFileCounts;
  result: 'accepted' | 'partially_accepted' | 'rejected';
  packageIssues: FlkIssue[] | null;
  protocol: RecordProtocol[];
}

export async function finishTFile(tx: Tx, id: number, outcome: TFileOutcome): Promise<void> {
  await tx`
    update hosp.t_file
    set status = ${outcome.status}, finished_at = now(), file_type = ${outcome.fileType},
        header = ${outcome.header ? tx.json(outcome.header as never) : null}, counts = ${tx.json(outcome.counts as never)},
        result = ${outcome.result},
        package_issues = ${outcome.packageIssues ? tx.json(outcome.packageIssues as never) : null},
        protocol = ${tx.json(outcome.protocol as never)}
    where id = ${id}`;
}

export async function markTFileFailed(tx: Tx, id: number, error: string): Promise<void> {
  await tx`update hosp.t_file set status = 'failed', error = ${error.slice(0, 100)}, finished_at = now() where id = ${id}`;
}
