import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RowsAwaitingAnswers, StagingBatches } from '../../shared/platform/bulk/staging';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

/**
 * The platform's staging batches (shared/platform/bulk/staging.ts) write each row as COPY text into byte buffers
 * when it is added: what PostgreSQL reads back must be exactly the values, whatever the text holds and wherever a
 * buffer or a batch ends.
 */
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await db.sql`create table public.staging_probe (batch int, n int, a text, b text, c bigint, d boolean)`;
});
afterAll(async () => {
  await db?.drop();
});

describe('StagingBatches', () => {
  it('copies every row exactly: Cyrillic, tabs, newlines, backslashes, nulls, a row larger than a buffer', async () => {
    // Arrange
    const big = 'Ж'.repeat(200_000); // 400 KB of UTF-8: more than one 256 KB buffer
    const odd = 'таб\tперевод\nстроки\\обратная\rкосая';
    const rows = Array.from({ length: 1_234 }, (_, n) => [
      1,
      n,
      n === 700 ? big : `${odd} № ${n}`,
      n % 7 === 0 ? null : 'Ёё',
      n * 1_000_000_007,
      n % 2 === 0,
    ]);
    // Act
    await db.sql.begin(async (tx) => {
      const batches = new StagingBatches(
        tx,
        {
          probe: { table: 'public.staging_probe', columns: ['batch', 'n', 'a', 'b', 'c', 'd'] },
        },
        { batchSize: 500 },
      );
      for (const row of rows) {
        batches.add('probe', row);
        await batches.endRecord();
      }
      await batches.close();
    });
    // Assess
    const stored = await db.sql<{ n: number; a: string; b: string | null; c: string; d: boolean }[]>`
      select n, a, b, c, d from public.staging_probe where batch = 1 order by n`;
    expect(stored).toHaveLength(rows.length);
    for (const [i, row] of stored.entries()) {
      expect([row.n, row.a, row.b, Number(row.c), row.d]).toEqual([
        rows[i]![1],
        rows[i]![2],
        rows[i]![3],
        rows[i]![4],
        rows[i]![5],
      ]);
    }
  });

  it('runs each batch’s follow-up after its COPY, in order, with the records it was handed over with', async () => {
    // Arrange
    const seen: { handedAt: number; visible: number }[] = [];
    let added = 0;
    // Act
    await db.sql.begin(async (tx) => {
      const batches = new StagingBatches(
        tx,
        { probe: { table: 'public.staging_probe', columns: ['batch', 'n', 'a', 'b', 'c', 'd'] } },
        {
          batchSize: 100,
          afterCopy: () => {
            const handedAt = added;
            return async () => {
              const [r] = await tx<
                { n: number }[]
              >`select count(*)::int as n from public.staging_probe where batch = 2`;
              seen.push({ handedAt, visible: r!.n });
            };
          },
          maxQueued: 3,
        },
      );
      for (let n = 0; n < 450; n++) {
        batches.add('probe', [2, n, 'a', null, n, true]);
        added++;
        await batches.endRecord();
      }
      await batches.close();
    });
    // Assess: five batches (the last of 50), each follow-up seeing its own batch and those before it copied
    expect(seen).toEqual([100, 200, 300, 400, 450].map((n) => ({ handedAt: n, visible: n })));
  });

  it('copies rows that waited for an answer with their batch, before the batch’s follow-up, answers in place', async () => {
    // Arrange: rows whose last two columns (c, d) come from a query run before their batch is copied
    const odd = 'таб\tперевод\nстроки\\косая';
    const seen: number[] = [];
    let waiting = new RowsAwaitingAnswers(2);
    // Act
    await db.sql.begin(async (tx) => {
      const batches = new StagingBatches(
        tx,
        { probe: { table: 'public.staging_probe', columns: ['batch', 'n', 'a', 'b', 'c', 'd'] } },
        {
          batchSize: 40,
          beforeCopy: () => {
            const rows = waiting;
            waiting = new RowsAwaitingAnswers(2);
            return async (addLines) => {
              const [r] = await tx<{ base: number }[]>`select 1000 as base`;
              addLines(
                'probe',
                rows.complete((i) => [r!.base + i, i % 2 === 0]),
                rows.length,
              );
            };
          },
          afterCopy: () => async () => {
            const [r] = await tx<{ n: number }[]>`
              select count(*)::int as n from public.staging_probe where batch = 3 and c is not null`;
            seen.push(r!.n);
          },
        },
      );
      for (let n = 0; n < 100; n++) {
        waiting.push([3, n, n === 7 ? odd : `№ ${n}`, n % 3 === 0 ? null : 'Ёё', 'ignored', 'ignored']);
        await batches.endRecord();
      }
      await batches.close();
    });
    // Assess: three batches (40, 40, 20), each row answered by its place in its batch
    expect(seen).toEqual([40, 80, 100]);
    const stored = await db.sql<{ n: number; a: string; b: string | null; c: string; d: boolean }[]>`
      select n, a, b, c, d from public.staging_probe where batch = 3 order by n`;
    expect(stored.map((r) => [r.n, r.a, r.b, Number(r.c), r.d])).toEqual(
      Array.from({ length: 100 }, (_, n) => [
        n,
        n === 7 ? odd : `№ ${n}`,
        n % 3 === 0 ? null : 'Ёё',
        1000 + (n % 40),
        (n % 40) % 2 === 0,
      ]),
    );
  });
});
