import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoRegion } from '../../shared/demo/demo-region-writer';
import { generateRegionStructure } from '../../shared/demo/region-structure';
import { isValidEnp } from '../../shared/person/domain/enp';
import { isValidSnils } from '../../shared/person/domain/snils';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { testDemo } from './global-setup';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db.drop());

describe('demo region', () => {
  it('is deterministic: the same seed gives the same organisations and doctors', () => {
    expect(generateRegionStructure('s1')).toEqual(generateRegionStructure('s1'));
    expect(generateRegionStructure('s1').doctors).not.toEqual(generateRegionStructure('s2').doctors);
  });

  it('holds ≥ 30 МО, 3 СМО, the ТФОМС, and the requested persons with policies and attachments', async () => {
    const result = await ensureDemoRegion(db.sql, testDemo);
    expect(result.status).toBe('present');
    const [counts] = await db.sql`
      select (select count(*) from org.organisation where kind = 'MO')::int as mo,
             (select count(*) from org.organisation where kind = 'SMO')::int as smo,
             (select count(*) from org.organisation where kind = 'TFOMS')::int as tfoms,
             (select count(*) from person.person)::int as persons,
             (select count(distinct person_id) from person.policy where date_end is null)::int as insured,
             (select count(distinct person_id) from person.attachment where date_end is null)::int as attached,
             (select count(*) from org.organisation where kind = 'MO' and mo_kind in ('hospital', 'combined')
                and code in (select d.mo_code from org.department d join org.department_bed b on b.department_id = d.id))::int as hospitals_with_beds`;
    expect(counts).toMatchObject({
      smo: 3,
      tfoms: 1,
      persons: testDemo.persons,
      insured: testDemo.persons,
      attached: testDemo.persons,
    });
    expect(counts!.mo).toBeGreaterThanOrEqual(30);
    expect(counts!.hospitals_with_beds).toBeGreaterThanOrEqual(10);
  });

  it('gives every person a valid, unique ЕНП and СНИЛС, and every district doctor a valid СНИЛС', async () => {
    const persons = await db.sql<
      { enp: string; snils: string | null }[]
    >`select enp, snils from person.person`;
    expect(persons.every((p) => isValidEnp(p.enp))).toBe(true);
    const snils = persons.map((p) => p.snils).filter((s): s is string => s !== null);
    expect(snils.every(isValidSnils)).toBe(true);
    expect(new Set(snils).size).toBe(snils.length);
    const doctors = await db.sql<
      { snils: string }[]
    >`select distinct doctor_snils as snils from org.district`;
    expect(doctors.every((d) => isValidSnils(d.snils))).toBe(true);
  });

  it('keeps histories consistent: policies and attachments never overlap and start after birth', async () => {
    const [bad] = await db.sql`
      select
        (select count(*) from person.policy a join person.policy b on a.person_id = b.person_id and a.id < b.id
          where daterange(a.date_beg, a.date_end, '[]') && daterange(b.date_beg, b.date_end, '[]'))::int as policy_overlaps,
        (select count(*) from person.attachment a join person.attachment b on a.person_id = b.person_id and a.id < b.id
          where daterange(a.date_beg, a.date_end, '[]') && daterange(b.date_beg, b.date_end, '[]'))::int as attachment_overlaps,
        (select count(*) from person.policy p join person.person x on x.id = p.person_id where p.date_beg < x.birth_date)::int as before_birth`;
    expect(bad).toEqual({ policy_overlaps: 0, attachment_overlaps: 0, before_birth: 0 });
  });
});
