import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StagingBatches } from '../../shared/platform/bulk/staging';
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
        500,
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
        100,
        () => {
          const handedAt = added;
          return async () => {
            const [r] = await tx<
              { n: number }[]
            >`select count(*)::int as n from public.staging_probe where batch = 2`;
            seen.push({ handedAt, visible: r!.n });
          };
        },
        3,
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
});
