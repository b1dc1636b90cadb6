import { fileJournal, fileStatuses, type JournalEntry, type NewFile } from '../../platform/bulk/file-journal';
import { type IssueProtocolQuery, issueProtocol } from '../../platform/bulk/file-protocol';
import type { Db, Tx } from '../../platform/db/connection';
import type { FlkIssue } from '../../platform/flk/issue';
import type { ErzExtractHeader } from '../formats/erz-extract-reader';

/**
 * The journal of ЕРЗ imports (`ops.erz_import`, a platform file journal) and its protocol
 * (`ops.erz_import_error`, an issue table). Every function runs in a caller-scoped transaction: row-level
 * security lets only the fund read them and only the register writers (fund administrator, РС ЕРЗ system)
 * write them. The same content is a duplicate whoever sent it.
 */

export const erzImportStatuses = fileStatuses;
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

export interface ErzImport extends JournalEntry {
  packageId: string | null;
  header: ErzExtractHeader | null;
  counts: ErzImportCounts | null;
}

/** One record of the protocol: its position and id in the extract, whether it was applied, its findings. */
export interface ErzProtocolRecord {
  ordinal: number;
  recordId: string | null;
  status: 'accepted' | 'rejected';
  findings: FlkIssue[];
}

export const erzImportJournal = fileJournal<ErzImport>({
  table: 'ops.erz_import',
  duplicates: 'anywhere',
  columns: { package_id: 'packageId' },
});

export const erzProtocol = issueProtocol('ops.erz_import_error');

export type NewErzImport = Omit<NewFile, 'values'> & { packageId?: string | null };

/**
 * Registers a received extract. Content already queued, in progress or applied (same SHA-256) is recorded as
 * a `duplicate` of that import and must not be processed; the unique index makes this safe under concurrency.
 * The uploader, organisation and role are the transaction's caller.
 */
export async function registerErzImport(
  tx: Tx,
  { packageId, ...input }: NewErzImport,
): Promise<{ import: ErzImport; duplicate: boolean }> {
  const { entry, duplicate } = await erzImportJournal.register(tx, {
    ...input,
    values: { package_id: packageId ?? null },
  });
  return { import: entry, duplicate };
}

export const findErzImport = (db: Db, id: number) => erzImportJournal.find(db, id);

/** The journal, newest first, paged. */
export const listErzImports = (
  db: Db,
  query: { page: number; pageSize: number; status?: ErzImportStatus | undefined },
) => erzImportJournal.list(db, query);

/** Findings about the package itself (ordinal 0, errors: the file could not be read as an extract). */
export const readErzPackageFindings = (db: Db, id: number) => erzProtocol.packageIssues(db, id, 'error');

/**
 * Warnings about the package itself (ordinal 0) that did not stop it, e.g. a windows-1251 declaration over
 * UTF-8 bytes (the file was read as UTF-8): the file is not rejected for them.
 */
export const readErzPackageWarnings = (db: Db, id: number) => erzProtocol.packageIssues(db, id, 'warning');

/** The protocol's records (rejected, or accepted with warnings), in file order, paged. */
export async function readErzProtocol(db: Db, id: number, query: IssueProtocolQuery) {
  const page = await erzProtocol.records(db, id, query);
  const items: ErzProtocolRecord[] = page.items.map((r) => ({
    ordinal: r.ordinal,
    recordId: r.recordId,
    status: r.rejected ? 'rejected' : 'accepted',
    findings: r.issues,
  }));
  return { ...page, items };
}

/** The import could not run: `error` is a Russian sentence the UI and REST show (never an error class). */
export const markErzImportFailed = (tx: Tx, id: number, error: string) =>
  erzImportJournal.fail(tx, id, error);
