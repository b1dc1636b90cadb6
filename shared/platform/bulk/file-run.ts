import { type AccessContext, withCaller } from '../access/scoped';
import type { Sql } from '../db/connection';
import { Refusal } from '../flk/refusal';
import type { BlobPort, Bucket } from '../ports/blobs';
import type { Claim, FileJournal, JournalEntry } from './file-journal';
import { clearStaging, type StageTable, vacuumStaging } from './staging';

export interface FileRunSteps<E, R> {
  /** Claim only for the account that uploaded the file (a missing entry then throws too). */
  owner?: boolean;
  /**
   * Nothing (more) to do: the entry as it stands — finished, a duplicate, failed for good (`FileGoneError`), or
   * null when not in the journal.
   */
  finished(entry: E | null): Promise<R>;
  /** Reads and applies the file. */
  process(claim: Extract<Claim<E>, { outcome: 'claimed' }>): Promise<R>;
  /** The file was refused as a whole (the `Refusal`'s issues are its package protocol). */
  refused?(refusal: Refusal): Promise<R>;
  /**
   * The staging tables `process` writes: once its transaction has ended, the file's rows are deleted and the
   * tables vacuumed (`clearThenVacuum`); `process` leaves them.
   */
  staging?: Iterable<StageTable>;
}

/**
 * What the journal's `error` column says (the UI and REST show it): Russian sentences, never an error class
 * or a message of a library — those go to the structured log only.
 */
export const fileFailureMessages = {
  technical: 'Обработка файла прервана технической ошибкой; сведения из него не применены',
  gone: 'Файл не найден в хранилище принятых файлов: отправьте его повторно',
  notQueued: 'Файл не поставлен в очередь: сервис временно недоступен, отправьте его повторно',
} as const;

/**
 * A failure that no retry can cure (the received file's bytes are gone): the file ends `failed` with this
 * Russian message and the queue message is acknowledged instead of being retried up to the dead-letter queue.
 */
export class FileGoneError extends Error {
  constructor(readonly detail: string = fileFailureMessages.gone) {
    super(detail);
    this.name = 'FileGoneError';
  }
}

/**
 * Opens a received file in the inbox. A file that is not there (`exists` says so) is a `FileGoneError`; any
 * other failure (storage unreachable, access) stays a technical one and is retried.
 */
export async function openReceivedFile(blobs: BlobPort, bucket: Bucket, key: string) {
  try {
    return (await blobs.get(bucket, key)) as AsyncIterable<Uint8Array>;
  } catch (error) {
    if ((await blobs.exists(bucket, key).catch(() => true)) === false) throw new FileGoneError();
    throw error;
  }
}

/**
 * Phase timings of a file import, summed by phase (`PhaseListener`), for one structured log line when it ends:
 * where a slow import spent its time, in CloudWatch as locally. Names and milliseconds only, never data.
 */
export function phaseTotals() {
  const totals: Record<string, number> = {};
  const started = performance.now();
  const cpu = process.cpuUsage();
  return {
    onPhase: (name: string, ms: number) => {
      totals[name] = (totals[name] ?? 0) + ms;
    },
    log(table: string, id: number, status: string) {
      const phases = Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, Math.round(v)]));
      console.info(
        JSON.stringify({
          level: 'info',
          where: 'file-import',
          table,
          id,
          status,
          ms: Math.round(performance.now() - started),
          // The process's CPU meanwhile (its threads: the garbage collector's too), against the wall time above.
          cpuMs: Math.round((({ user, system }) => user + system)(process.cpuUsage(cpu)) / 1000),
          phases,
        }),
      );
    },
  };
}

/**
 * Deletes a file's staged rows once its transaction has ended, then vacuums the tables (`vacuumStaging`). After a
 * commit the journal already shows the file done: its caller does not wait for the deletes (0.5 s at 200,000
 * registry cases). After a rollback there is nothing to delete. A process that died in between leaves rows that
 * the message's redelivery deletes (the file is then finished). Never fails the import: a failure is one line
 * of structured log, and the next run for the file deletes them.
 */
async function clearThenVacuum(sql: Sql, who: AccessContext, id: number, tables: Iterable<StageTable>) {
  try {
    await withCaller(sql, who, (tx) => clearStaging(tx, tables, id));
  } catch (error) {
    console.warn(
      JSON.stringify({
        level: 'warn',
        where: 'staging-clear',
        id,
        error: (error as Error)?.name ?? typeof error,
      }),
    );
  }
  await vacuumStaging(sql, tables);
}

/** One line of structured log about a file import's failure: the class and code, never data. */
export function logFileFailure(table: string, id: number, error: unknown, retried: boolean) {
  console.error(
    JSON.stringify({
      level: 'error',
      where: 'file-import',
      table,
      id,
      error: (error as Error)?.name ?? typeof error,
      code: (error as { code?: unknown })?.code,
      retried,
    }),
  );
}

/**
 * The queue consumer's run of a journaled file: claim it (a message delivered again for a finished file
 * reports it and applies nothing), process it. A `Refusal` goes to `refused` when the family records it (the
 * file ends `rejected`, the message is acknowledged: a poison file is never retried). A `FileGoneError` ends
 * the file `failed` with its Russian message and acknowledges the message. Any other failure marks the file
 * `failed` with a Russian message (the class goes to the log) and is rethrown, so that the queue retries.
 */
export async function runFileImport<E extends JournalEntry, R>(
  sql: Sql,
  who: AccessContext,
  journal: FileJournal<E>,
  id: number,
  steps: FileRunSteps<E, R>,
): Promise<R> {
  const claim = await withCaller(sql, who, (tx) => journal.claim(tx, id, steps.owner ? who : undefined));
  const staging = steps.staging ? [...steps.staging] : [];
  if (claim.outcome !== 'claimed') {
    if (claim.outcome === 'finished' && staging.length) await clearThenVacuum(sql, who, id, staging);
    return steps.finished(claim.outcome === 'finished' ? claim.entry : null);
  }
  try {
    try {
      return await steps.process(claim);
    } finally {
      if (staging.length) await clearThenVacuum(sql, who, id, staging);
    }
  } catch (error) {
    if (error instanceof Refusal && steps.refused) return steps.refused(error);
    const gone = error instanceof FileGoneError;
    logFileFailure(journal.table, id, error, !gone);
    const message = gone ? error.detail : fileFailureMessages.technical;
    if (gone) {
      const entry = await withCaller(sql, who, async (tx) => {
        await journal.fail(tx, id, message);
        return journal.find(tx, id);
      });
      return steps.finished(entry);
    }
    await withCaller(sql, who, (tx) => journal.fail(tx, id, message)).catch(() => {});
    throw error;
  }
}
