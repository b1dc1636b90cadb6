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
});
