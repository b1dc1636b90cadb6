import { type AccessContext, withCaller } from '../access/scoped';
import type { Sql } from '../db/connection';
import { Refusal } from '../flk/refusal';
import type { Claim, FileJournal, JournalEntry } from './file-journal';

export interface FileRunSteps<E, R> {
  /** Claim only for the account that uploaded the file (a missing entry then throws too). */
  owner?: boolean;
  /** Nothing (more) to do: the entry as it stands — finished, a duplicate, or null when not in the journal. */
  finished(entry: E | null): Promise<R>;
  /** Reads and applies the file. */
  process(claim: Extract<Claim<E>, { outcome: 'claimed' }>): Promise<R>;
  /** The file was refused as a whole (the `Refusal`'s issues are its package protocol). */
  refused?(refusal: Refusal): Promise<R>;
}

/**
 * The queue consumer's run of a journaled file: claim it (a message delivered again for a finished file
 * reports it and applies nothing), process it, and on a technical failure mark it `failed` (the error class
 * only) and rethrow so that the queue retries. A `Refusal` goes to `refused` when the family records it.
 */
export async function runFileImport<E extends JournalEntry, R>(
  sql: Sql,
  who: AccessContext,
  journal: FileJournal<E>,
  id: number,
  steps: FileRunSteps<E, R>,
): Promise<R> {
  const claim = await withCaller(sql, who, (tx) => journal.claim(tx, id, steps.owner ? who : undefined));
  if (claim.outcome !== 'claimed') return steps.finished(claim.outcome === 'finished' ? claim.entry : null);
  try {
    return await steps.process(claim);
  } catch (error) {
    if (error instanceof Refusal && steps.refused) return steps.refused(error);
    await withCaller(sql, who, (tx) => journal.fail(tx, id, (error as Error).name)).catch(() => {});
    throw error;
  }
}
