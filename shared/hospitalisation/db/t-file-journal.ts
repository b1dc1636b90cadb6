import { fileJournal, fileStatuses, type JournalEntry, type NewFile } from '../../platform/bulk/file-journal';
import { jsonProtocolPage } from '../../platform/bulk/file-protocol';
import type { Db, Tx } from '../../platform/db/connection';
import type { FlkIssue } from '../../platform/flk/issue';
import type { TFileHeader } from '../formats/t-family/t-file-reader';
import type { RecordProtocol } from './process-package';

/**
 * The journal of T-files (`hosp.t_file`, migration 007, a platform file journal): registered on upload, claimed
 * and finished by the queue consumer; the per-record protocol is a jsonb array of the row. Every function runs
 * in a caller-scoped transaction: row-level security shows a file to its organisation and the fund, and lets
 * only its organisation write it. The same content is a duplicate within the uploader's organisation.
 */

export const tFileStatuses = fileStatuses;
export type TFileStatus = (typeof tFileStatuses)[number];

export interface TFileCounts {
  total: number;
  accepted: number;
  rejected: number;
}

export interface TFileImport extends JournalEntry {
  fileName: string;
  fileSize: number;
  fileType: string | null;
  header: TFileHeader | null;
  counts: TFileCounts | null;
  result: 'accepted' | 'partially_accepted' | 'rejected' | null;
  /**
   * Issues about the file as a whole: errors of a `rejected` file, and warnings that did not stop a `done` one
   * (a windows-1251 declaration over UTF-8 bytes, read as UTF-8).
   */
  packageIssues: FlkIssue[] | null;
}

export const tFileJournal = fileJournal<TFileImport>({
  table: 'hosp.t_file',
  duplicates: 'organisation',
  columns: { file_type: 'fileType', result: 'result', package_issues: 'packageIssues' },
});

/**
 * Registers an uploaded file (status queued). The same content of the same organisation already queued, in
 * progress or done is recorded as a `duplicate` of it and must not be processed again.
 */
export async function registerTFile(
  tx: Tx,
  input: Omit<NewFile, 'status' | 'values'> & { fileName: string; fileSize: number; blobKey: string },
): Promise<{ file: TFileImport; duplicate: boolean }> {
  const { entry, duplicate } = await tFileJournal.register(tx, input);
  return { file: entry, duplicate };
}

export const findTFile = (db: Db, id: number) => tFileJournal.find(db, id);

/** The file's per-record protocol, in file order (optionally only the rejected records), paged. */
export const readTFileProtocol = (
  db: Db,
  id: number,
  query: { page: number; pageSize: number; only?: 'rejected' | undefined },
) => jsonProtocolPage<RecordProtocol>(db, { table: 'hosp.t_file', column: 'protocol' }, id, query);

/** The journal within the caller's scope, newest first, paged. */
export const listTFiles = (
  db: Db,
  query: { page: number; pageSize: number; status?: TFileStatus | undefined; type?: string | undefined },
) => tFileJournal.list(db, { ...query, where: { file_type: query.type } });

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
  await tFileJournal.finish(tx, id, {
    status: outcome.status,
    values: {
      file_type: outcome.fileType,
      header: outcome.header,
      counts: outcome.counts,
      result: outcome.result,
      package_issues: outcome.packageIssues,
      protocol: outcome.protocol,
    },
  });
}

/** The file could not be processed: `error` is a Russian sentence the UI and REST show (never an error class). */
export const markTFileFailed = (tx: Tx, id: number, error: string) => tFileJournal.fail(tx, id, error);
