import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveIdentity } from '../../shared/person/db/identity-resolution';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

/** Identity resolution against the regional ЕРЗ (ЕНП → СНИЛС → ФИО + birth date + document), as the app role. */
let db: TestDatabase;
const mo = { username: 'test_mo', role: 'mo_registrar' as const, orgCode: '' };

interface Row {
  id: string;
  enp: string;
  snils: string;
  fam: string;
  im: string;
  ot: string | null;
  birth_date: string;
  doc_ser: string;
  doc_num: string;
  smo_code: string;
}
let someone: Row;

beforeAll(async () => {
  db = await createTestDatabase();
  mo.orgCode = (await db.sql`select org_code from auth.account where username = 'test_mo'`)[0]!.org_code;
  // Someone NOT in test_mo's scope: resolution must still find them (inbound records name any person).
  const rows = await db.sql<Row[]>`
    select p.id::text, p.enp, p.snils, p.fam, p.im, p.ot, p.birth_date, p.doc_ser, p.doc_num, po.smo_code
    from person.person p
    join person.policy po on po.person_id = p.id and po.date_end is null
    where p.snils is not null and not exists (
      select 1 from person.attachment a where a.person_id = p.id and a.mo_code = ${mo.orgCode})
    order by p.id limit 1`;
  someone = rows[0]!;
});
afterAll(async () => {
  await db?.drop();
});

const resolve = (input: Parameters<typeof resolveIdentity>[1], requireDocument = true) =>
  db.as(mo, (tx) => resolveIdentity(tx, input, { requireDocument }));

describe('identity resolution', () => {
  it('finds a person by ЕНП across scopes, answering only the id and the policy on the date', async () => {
    const r = await resolve({ enp: someone.enp });
    expect(r).toMatchObject({
      outcome: 'identified',
      personId: someone.id,
      method: 'enp',
      mismatch: false,
      policy: { smoCode: someone.smo_code },
    });
    // The МО still cannot read that person's row: resolution is not a way around row-level security.
    expect(await db.as(mo, (tx) => tx`select 1 from person.person where id = ${someone.id}`)).toHaveLength(0);
  });

  it('falls back to СНИЛС, then to ФИО + birth date + document', async () => {
    expect(await resolve({ enp: '1234567890123452', snils: someone.snils })).toMatchObject({
      outcome: 'identified',
      method: 'snils',
      personId: someone.id,
    });
    expect(
      await resolve({
        fam: someone.fam.toLowerCase(),
        im: someone.im,
        birthDate: someone.birth_date,
        docSer: someone.doc_ser,
        docNum: someone.doc_num,
      }),
    ).toMatchObject({ outcome: 'identified', method: 'fio_birth_document', personId: someone.id });
  });

  it('without a document, ФИО + birth date resolves only where allowed (the affiliation query)', async () => {
    const byName = {
      fam: someone.fam,
      im: someone.im,
      ot: someone.ot ?? undefined,
      birthDate: someone.birth_date,
    };
    expect(await resolve(byName)).toEqual({ outcome: 'not_insured_in_region' });
    expect(await resolve(byName, false)).toMatchObject({ outcome: 'identified', method: 'fio_birth' });
  });

  it('flags a name that does not match the ЕНП, and says "not insured in this region" for an unknown person', async () => {
    expect(
      await resolve({ enp: someone.enp, fam: 'Несовпадающая', birthDate: someone.birth_date }),
    ).toMatchObject({
      outcome: 'identified',
      mismatch: true,
    });
    expect(await resolve({ enp: '7700000000000016' })).toEqual({ outcome: 'not_insured_in_region' });
  });

  it('reports ambiguity when several persons share ФИО and birth date', async () => {
    // Prepare: a namesake born the same day (written by the owner, as an ЕРЗ import would)
    await db.sql`
      insert into person.person (enp, fam, im, ot, sex, birth_date)
      values ('7700000000000016', ${someone.fam}, ${someone.im}, ${someone.ot}, 1, ${someone.birth_date})`;
    const r = await resolve({ fam: someone.fam, im: someone.im, birthDate: someone.birth_date }, false);
    expect(r).toEqual({ outcome: 'ambiguous', candidates: 2 });
  });

  it('answers "no policy on the date" before the first policy began', async () => {
    const [first] = await db.sql<{ date_beg: string }[]>`
      select min(date_beg)::text as date_beg from person.policy where person_id = ${someone.id}`;
    const before = new Date(`${first!.date_beg}T00:00:00Z`);
    before.setUTCDate(before.getUTCDate() - 1);
    const r = await resolve({ enp: someone.enp, onDate: before.toISOString().slice(0, 10) });
    expect(r).toMatchObject({ outcome: 'no_policy_on_date', personId: someone.id });
  });

  it('resolves many inputs at once exactly as one at a time (person.resolve_identities, migration 017)', async () => {
    // Prepare: inputs of every branch — ЕНП as registered, in other letters, with another name or birth date,
    // before the first policy, unknown; СНИЛС; ФИО + birth date + document; nothing to go by
    const [yo] = await db.sql<Row[]>`
      select p.id::text, p.enp, p.snils, p.fam, p.im, p.ot, p.birth_date, p.doc_ser, p.doc_num, null as smo_code
      from person.person p where p.fam || p.im like '%ё%' order by p.id limit 1`;
    const [first] = await db.sql<{ date_beg: string }[]>`
      select min(date_beg)::text as date_beg from person.policy where person_id = ${someone.id}`;
    const shout = (s: string) => `  ${s.toUpperCase().replace(/ё/g, 'е').replace(/Ё/g, 'Е')}  `;
    type Input = [
      string | null,
      string | null,
      string | null,
      string | null,
      string | null,
      string | null,
      string | null,
      string | null,
      string | null,
    ];
    const inputs: Input[] = [
      [someone.enp, null, someone.fam, someone.im, someone.ot, someone.birth_date, null, null, null],
      [someone.enp, null, null, null, null, null, null, null, null],
      [someone.enp, null, shout(someone.fam), shout(someone.im), null, someone.birth_date, null, null, null],
      [someone.enp, null, 'Несовпадающая', someone.im, null, someone.birth_date, null, null, null],
      [someone.enp, null, someone.fam, 'Другое', null, null, null, null, null],
      [someone.enp, null, someone.fam, someone.im, null, '1900-01-01', null, null, null],
      [someone.enp, null, '', '', null, null, null, null, null],
      [someone.enp, null, null, null, null, null, null, null, '1900-01-01'],
      [someone.enp, null, null, null, null, null, null, null, first!.date_beg],
      ['1234567890123452', someone.snils, null, null, null, null, null, null, null],
      ['1234567890123452', null, null, null, null, null, null, null, null],
      [
        '',
        null,
        someone.fam,
        someone.im,
        someone.ot,
        someone.birth_date,
        someone.doc_ser,
        someone.doc_num,
        null,
      ],
      [null, null, someone.fam, someone.im, null, someone.birth_date, null, null, null],
      [null, null, null, null, null, null, null, null, null],
      ...(yo
        ? [[yo.enp, null, shout(yo.fam), shout(yo.im), null, yo.birth_date, null, null, null] as Input]
        : []),
    ];
    const column = (i: number) => inputs.map((input) => input[i] ?? null);

    // Act
    const together = await db.as(
      mo,
      (tx) => tx`
      select * from person.resolve_identities(
        ${inputs.map((_, i) => String(i))}::text[], ${column(0)}::text[], ${column(1)}::text[], ${column(2)}::text[],
        ${column(3)}::text[], ${column(4)}::text[], ${column(5)}::date[], ${column(6)}::text[], ${column(7)}::text[],
        ${column(8)}::date[], true)`,
    );
    const alone = [];
    for (const [i, input] of inputs.entries()) {
      const [row] = await db.as(
        mo,
        (tx) => tx`
        select ${String(i)} as key, * from person.resolve_identity(${input[0]}, ${input[1]}, ${input[2]}, ${input[3]},
          ${input[4]}, ${input[5]}::date, ${input[6]}, ${input[7]}, ${input[8]}::date, true)`,
      );
      alone.push(row);
    }

    // Assess: the same answer for every input, and the branches were all taken
    const byKey = (rows: readonly Record<string, unknown>[]) =>
      [...rows].sort((a, b) => Number(a.key) - Number(b.key));
    expect(byKey(together)).toEqual(alone);
    expect(new Set(alone.map((r) => r!.method))).toEqual(
      new Set(['enp', 'snils', 'fio_birth_document', null]),
    );
    expect(alone.some((r) => r!.mismatch)).toBe(true);
    expect(alone.some((r) => r!.method === 'enp' && r!.smo_code === null)).toBe(true);
  });
});
