import type { Sql, Tx } from '../db/connection';
import { type CopyValue, copyLine, copyText } from '../db/copy';

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

/** COPY text of one table's rows in a batch, as UTF-8 in buffers of at least 256 KB. */
class CopyBuffers {
  readonly done: Buffer[] = [];
  private current = Buffer.allocUnsafe(0);
  private offset = 0;
  rows = 0;

  append(line: string) {
    // At most three UTF-8 bytes per UTF-16 unit: only a line that might not fit is measured.
    if (this.current.length - this.offset < line.length * 3) {
      const needed = Buffer.byteLength(line);
      if (this.current.length - this.offset < needed) {
        if (this.offset > 0) this.done.push(this.current.subarray(0, this.offset));
        this.current = Buffer.allocUnsafe(Math.max(262_144, needed));
        this.offset = 0;
      }
    }
    this.offset += this.current.write(line, this.offset);
    this.rows++;
  }

  /** Whole lines of COPY text already encoded. */
  appendBytes(lines: Buffer, rows: number) {
    if (rows === 0) return;
    if (this.offset > 0) this.done.push(this.current.subarray(0, this.offset));
    this.done.push(lines);
    this.current = Buffer.allocUnsafe(0);
    this.offset = 0;
    this.rows += rows;
  }

  chunks(): Buffer[] {
    return this.offset > 0 ? [...this.done, this.current.subarray(0, this.offset)] : this.done;
  }
}

/** Adds rows to one staging table of a batch (a record may add rows to several). */
export type AddRows<K extends string> = (key: K, ...rows: CopyValue[][]) => void;

/** Adds rows a `RowsAwaitingAnswers` completed to one staging table of a batch. */
export type AddLines<K extends string> = (key: K, lines: Buffer, rows: number) => void;

/**
 * Rows of one staging table whose last columns wait for an answer of the database (`beforeCopy`): held as COPY
 * text of their other columns, encoded when added (bytes outside the JavaScript heap, as `StagingBatches` holds
 * its rows), and completed into whole lines once the answers are known.
 */
export class RowsAwaitingAnswers {
  private bytes = Buffer.allocUnsafe(65_536);
  private used = 0;
  /** Where each row's text ends (its newline, which the answer's columns replace). */
  private ends: number[] = [];

  /** @param answered how many last columns of each row the answer gives. */
  constructor(private readonly answered: number) {}

  get length(): number {
    return this.ends.length;
  }

  /** A row with its answered columns (their values are ignored). */
  push(row: readonly CopyValue[]): void {
    const known = copyLine(row.slice(0, row.length - this.answered));
    const needed = this.used + Buffer.byteLength(known);
    if (needed > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.bytes.length * 2));
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    this.used += this.bytes.write(known, this.used);
    this.ends.push(this.used - 1);
  }

  /** Whole COPY lines: each row's text with `answer(i)`'s values for its answered columns. */
  complete(answer: (i: number) => readonly CopyValue[]): Buffer {
    const parts: Buffer[] = [];
    let start = 0;
    for (const [i, end] of this.ends.entries()) {
      parts.push(this.bytes.subarray(start, end), Buffer.from(`\t${copyLine(answer(i))}`));
      start = end + 1;
    }
    return Buffer.concat(parts);
  }
}

export interface StagingBatchOptions<K extends string> {
  /** Records per batch. Default 5,000. */
  batchSize?: number;
  /** Batches handed over that may wait for their COPY (and hooks) while the next is read. Default 1. */
  maxQueued?: number;
  /**
   * Called when a batch is handed over (synchronously, so it sees the batch's records as read): the work it
   * answers runs on the transaction before the batch's COPY, and may add rows to that batch — rows that need an
   * answer of the database first (the registry import looks its cases' persons up, then stages the cases).
   */
  beforeCopy?: () => ((add: AddLines<K>) => Promise<void>) | null;
  /**
   * Called when a batch is handed over, after `beforeCopy`: the work it answers runs on the transaction once the
   * batch is copied, while the next batch is read (the registry import merges the batch's cases then).
   */
  afterCopy?: () => (() => Promise<unknown>) | null;
}

/**
 * Rows gathered per staging table and copied a batch at a time. Each row is written as COPY text into a byte
 * buffer when it is added, so a batch waiting for its COPY holds bytes outside the JavaScript heap, not thousands
 * of small arrays keeping the parsed records' strings alive for the garbage collector to trace on every pass.
 * The COPY of one batch (with its hooks) runs while the next is read (PostgreSQL and the parser use different
 * cores); at most `maxQueued` batches wait, so memory stays bounded.
 */
export class StagingBatches<K extends string> {
  private buffers: Record<K, CopyBuffers>;
  private records = 0;
  private pending: Promise<void> = Promise.resolve();
  /** Each batch handed over and not yet copied (with its hooks), oldest first. */
  private queued: Promise<void>[] = [];
  private readonly batchSize: number;
  private readonly maxQueued: number;

  constructor(
    private readonly tx: Tx,
    private readonly tables: Readonly<Record<K, StageTable>>,
    private readonly options: StagingBatchOptions<K> = {},
  ) {
    this.buffers = this.empty();
    this.batchSize = options.batchSize ?? 5000;
    this.maxQueued = options.maxQueued ?? 1;
  }

  private empty(): Record<K, CopyBuffers> {
    return Object.fromEntries(
      Object.keys(this.tables).map((k) => [k, new CopyBuffers()]),
    ) as unknown as Record<K, CopyBuffers>;
  }

  /** Rows of one table (a record may add rows to several). */
  add(key: K, ...rows: CopyValue[][]): void {
    const buffers = this.buffers[key];
    for (const row of rows) buffers.append(copyLine(row));
  }

  /** Ends a record: once `batchSize` records are gathered, they are handed to COPY. */
  async endRecord(): Promise<void> {
    this.records++;
    if (this.records >= this.batchSize) {
      if (this.queued.length >= this.maxQueued) await this.queued.shift();
      this.flush();
    }
  }

  private flush() {
    const buffers = this.buffers;
    this.buffers = this.empty();
    this.records = 0;
    const before = this.options.beforeCopy?.() ?? null;
    const followUp = this.options.afterCopy?.() ?? null;
    this.pending = this.pending.then(async () => {
      if (before) await before((key, lines, rows) => buffers[key].appendBytes(lines, rows));
      for (const key of Object.keys(this.tables) as K[]) {
        const { table, columns } = this.tables[key];
        if (buffers[key].rows > 0) await copyText(this.tx, table, columns, buffers[key].chunks());
      }
      if (followUp) await followUp();
    });
    this.pending.catch(() => {});
    this.queued.push(this.pending);
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

/**
 * Vacuums the staging tables once an import's transaction has ended (committed or rolled back), so that the next
 * import reads no dead rows. Autovacuum alone does not keep up: each import holds its staging tables' ANALYZE lock
 * until it commits, and autovacuum gives way to every import that starts, so with imports one after another it
 * never finished: ten 200,000-case imports left 4.7 GB of dead staging rows (3.4 GB of case JSON) for each
 * later import's scans to read.
 * A table another import holds is skipped (SKIP_LOCKED): the next vacuum takes it. Needs the MAINTAIN privilege
 * (migration 037). Never fails the import: a failure is one line of structured log.
 */
export async function vacuumStaging(sql: Sql, tables: Iterable<StageTable>): Promise<void> {
  const names = [...tables].map(({ table }) => table);
  if (names.length === 0) return;
  try {
    await sql`vacuum (skip_locked) ${sql(names)}`;
  } catch (error) {
    console.warn(
      JSON.stringify({
        level: 'warn',
        where: 'vacuum-staging',
        error: (error as Error)?.name ?? typeof error,
        code: (error as { code?: unknown })?.code,
      }),
    );
  }
}
