import type { Tx } from '../db/connection';
import { type CopyValue, copyRows } from '../db/copy';

/**
 * Staging of a bulk import (ARCHITECTURE §4): the rows of a file go into unlogged staging tables with COPY, in
 * batches, keyed by the import's id; set-based checks and the merge then work on them in the same transaction,
 * which deletes its rows before it commits (so no other transaction ever sees one: that is why staging tables
 * carry no row-level security — PostgreSQL refuses COPY into a table with it).
 */

export interface StageTable {
  table: string;
  columns: readonly string[];
}

/**
 * Rows gathered per staging table and copied a batch at a time. The COPY of one batch runs while the next is
 * read (PostgreSQL and the parser use different cores); at most one batch waits, so memory stays bounded.
 */
export class StagingBatches<K extends string> {
  private rows: Record<K, CopyValue[][]>;
  private records = 0;
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly tx: Tx,
    private readonly tables: Readonly<Record<K, StageTable>>,
    private readonly batchSize = 5000,
  ) {
    this.rows = this.empty();
  }

  private empty(): Record<K, CopyValue[][]> {
    return Object.fromEntries(Object.keys(this.tables).map((k) => [k, []])) as unknown as Record<
      K,
      CopyValue[][]
    >;
  }

  /** Rows of one table (a record may add rows to several). */
  add(key: K, ...rows: CopyValue[][]): void {
    const list = this.rows[key];
    for (const row of rows) list.push(row);
  }

  /** Ends a record: once `batchSize` records are gathered, they are handed to COPY. */
  async endRecord(): Promise<void> {
    this.records++;
    if (this.records >= this.batchSize) {
      await this.pending;
      this.flush();
    }
  }

  private flush() {
    const rows = this.rows;
    this.rows = this.empty();
    this.records = 0;
    this.pending = this.pending.then(async () => {
      for (const key of Object.keys(this.tables) as K[]) {
        const { table, columns } = this.tables[key];
        if (rows[key].length) await copyRows(this.tx, table, columns, rows[key]);
      }
    });
    this.pending.catch(() => {});
  }

  /** Copies what is left and waits for every COPY. */
  async close(): Promise<void> {
    this.flush();
    await this.pending;
  }

  /** After a failure: waits for the COPY in flight (its error is the caller's to report, not this one). */
  async abandon(): Promise<void> {
    await this.pending.catch(() => {});
  }
}

/**
 * Reads `items` into staging: `stage` adds each record's rows and answers true (false for an item that is no
 * record, such as the header); it may throw a `Refusal` to end the file. The batches are closed on success and
 * abandoned on failure.
 */
export async function stageAll<T, K extends string>(
  batches: StagingBatches<K>,
  items: AsyncIterable<T>,
  stage: (item: T) => boolean,
): Promise<void> {
  try {
    for await (const item of items) {
      if (stage(item)) await batches.endRecord();
    }
    await batches.close();
  } catch (error) {
    await batches.abandon();
    throw error;
  }
}

/** Deletes the import's rows from its staging tables (before the transaction commits). */
export async function clearStaging(tx: Tx, tables: Iterable<StageTable>, importId: number): Promise<void> {
  for (const { table } of tables) await tx`delete from ${tx(table)} where import_id = ${importId}`;
}
