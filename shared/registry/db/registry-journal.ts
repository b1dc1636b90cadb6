import { fileJournal, type JournalEntry, type NewFile } from '../../platform/bulk/file-journal';
import type { Db, Tx } from '../../platform/db/connection';

/**
 * The journal of registry-invoice packages (`registry.import`, a platform file journal, migration 029) and the
 * progress of an import in flight (`registry.import_progress`). Row-level security: the sending МО and the
 * fund read an entry; only the sender's organisation writes it.
 */

export interface RegistryImportCounts {
  /** Cases (ZAP) in the main file. */
  cases: number;
  accepted: number;
  rejected: number;
  /** Distinct persons of the accepted cases. */
  persons: number;
  /** SL and USL of the accepted cases. */
  sl: number;
  services: number;
  /** Accepted cases with suspicion of or established ЗНО. */
  onco: number;
  /** Accepted cases that replaced an earlier one (PR_NOV=1). */
  replaced: number;
  /** Accepted cases with at least one warning. */
  warnings: number;
}

export interface RegistryImport extends JournalEntry {
  packageName: string | null;
  fileKind: string | null;
  moCode: string | null;
  periodYear: number | null;
  periodMonth: number | null;
  counts: RegistryImportCounts | null;
}

export interface RegistryProgress {
  bytesTotal: number | null;
  bytesRead: number;
  casesRead: number;
  personsRead: number;
  phase: string | null;
  updatedAt: Date;
}

export const registryJournal = fileJournal<RegistryImport>({
  table: 'registry.import',
  duplicates: 'organisation',
  columns: {
    package_name: 'packageName',
    file_kind: 'fileKind',
    mo_code: 'moCode',
    period_year: 'periodYear',
    period_month: 'periodMonth',
  },
});

/** Registers a received package; the same content the organisation sent before (queued, in progress or applied) is a `duplicate`. */
export async function registerRegistryImport(
  tx: Tx,
  input: Omit<NewFile, 'values'>,
): Promise<{ import: RegistryImport; duplicate: boolean }> {
  const { entry, duplicate } = await registryJournal.register(tx, input);
  return { import: entry, duplicate };
}

export const findRegistryImport = (db: Db, id: number) => registryJournal.find(db, id);

export const markRegistryImportFailed = (tx: Tx, id: number, error: string) =>
  registryJournal.fail(tx, id, error);

export async function readProgress(db: Db, id: number): Promise<RegistryProgress | null> {
  const [row] = await db<RegistryProgress[]>`
    select bytes_total::float8 as "bytesTotal", bytes_read::float8 as "bytesRead", cases_read as "casesRead",
           persons_read as "personsRead", phase, updated_at as "updatedAt"
    from registry.import_progress where import_id = ${id}`;
  return row ?? null;
}

/** Writes the progress of an import in flight (its own short transaction, visible at once). */
export async function writeProgress(
  tx: Tx,
  id: number,
  progress: Omit<RegistryProgress, 'updatedAt'>,
): Promise<void> {
  await tx`
    insert into registry.import_progress (import_id, bytes_total, bytes_read, cases_read, persons_read, phase)
    values (${id}, ${progress.bytesTotal}, ${progress.bytesRead}, ${progress.casesRead}, ${progress.personsRead},
            ${progress.phase})
    on conflict (import_id) do update
    set bytes_total = excluded.bytes_total, bytes_read = excluded.bytes_read, cases_read = excluded.cases_read,
        persons_read = excluded.persons_read, phase = excluded.phase, updated_at = now()`;
}
