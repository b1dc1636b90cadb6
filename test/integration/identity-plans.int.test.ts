import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { indexesUsed, plansOf, seqScannedTables } from '../helpers/plans';

// Identity look-ups must use their indexes at any register size (issue 10): a type mismatch between a column and
// a parameter (character(16) against text) silently turns the unique index into a sequential scan that grows
// with the region. Over a register of more than 100,000 persons, every statement `person.resolve_identity`
// runs — ЕНП, СНИЛС, ФИО + birth date (with and without a document) — and the person search by ЕНП is
// explained as it executed (auto_explain, nested statements included) and must not scan person.person.
let db: TestDatabase;
const added = 100_000;

beforeAll(async () => {
  db = await createTestDatabase();
  await db.sql`
    insert into person.person (id, enp, snils, fam, im, ot, sex, birth_date, doc_type, doc_ser, doc_num)
    select 50000000 + g,
           lpad((9000000000000000 + g)::text, 16, '0'),
           to_char(g % 1000, 'FM000') || '-' || to_char((g / 1000) % 1000, 'FM000') || '-' ||
             to_char(900 + g / 1000000, 'FM000') || ' ' || to_char(g % 97, 'FM00'),
           'ФАМИЛИЯ' || (g % 5000), 'ИМЯ' || (g % 300), 'ОТЧЕСТВО' || (g % 200), 1 + g % 2,
           date '1940-01-01' + (g % 25000), 14, '45 0' || (g % 10), lpad(g::text, 6, '0')
    from generate_series(1, ${added}) g`;
  await db.sql`analyze person.person`;
}, 120_000);
afterAll(async () => {
  await db?.drop();
});

async function personPlans(run: (sql: import('postgres').Sql) => Promise<unknown>) {
  const plans = await plansOf(db.url, run);
  expect(plans.length).toBeGreaterThan(0);
  return plans;
}

describe('identity look-ups at region scale', () => {
  it('has a register of more than 100,000 persons to plan against', async () => {
    const [row] = await db.sql<{ n: number }[]>`select count(*)::int as n from person.person`;
    expect(row!.n).toBeGreaterThan(added);
  });

  const cases: [string, (string | null)[]][] = [
    ['ЕНП', ['9000000000012345', null, null, null, null, null, null, null]],
    ['СНИЛС', [null, '345-012-900 26', null, null, null, null, null, null]],
    ['ФИО + birth date', [null, null, 'Фамилия2345', 'Имя245', 'Отчество145', '1973-08-21', null, null]],
    [
      'ФИО + birth date + document',
      [null, null, 'ФАМИЛИЯ2345', 'ИМЯ245', null, '1973-08-21', '45 05', '012345'],
    ],
  ];
  for (const [method, args] of cases) {
    it(`resolves by ${method} without a sequential scan of person.person`, async () => {
      const plans = await personPlans(
        (sql) => sql`select * from person.resolve_identity(
          ${args[0] ?? null}, ${args[1] ?? null}, ${args[2] ?? null}, ${args[3] ?? null}, ${args[4] ?? null}, ${args[5] ?? null}::date, ${args[6] ?? null}, ${args[7] ?? null},
          current_date, false)`,
      );
      expect(plans.flatMap(seqScannedTables)).not.toContain('person');
      expect(plans.flatMap(indexesUsed).some((i) => i.startsWith('person_'))).toBe(true);
    });
  }

  it('finds the generated person by ЕНП (the look-up is exercised, not vacuous)', async () => {
    const [found] = await db.sql<{ person_id: string; method: string }[]>`
      select person_id::text, method from person.resolve_identity(
        '9000000000012345', null, null, null, null, null, null, null, current_date, false)`;
    expect(found).toEqual({ person_id: '50012345', method: 'enp' });
  });

  it('searches persons by ЕНП and СНИЛС with text parameters through the unique indexes', async () => {
    const plans = await personPlans(async (sql) => {
      await sql`select id from person.person where enp = ${'9000000000012345'}`;
      await sql`select id from person.person where snils = ${'345-012-900 26'}`;
    });
    expect(plans.flatMap(seqScannedTables)).toEqual([]);
    expect(plans.flatMap(indexesUsed)).toEqual(['person_enp_key', 'person_snils_key']);
  });
});
