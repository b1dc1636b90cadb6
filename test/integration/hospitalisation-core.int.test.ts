import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registered } from '../../shared/areas';
import { readFeed } from '../../shared/hospitalisation/db/feeds';
import { processPackage } from '../../shared/hospitalisation/db/process-package';
import { personSectionLinks } from '../../shared/person/db/person-section-links';
import { withCaller } from '../../shared/platform/access/scoped';
import { Refusal } from '../../shared/platform/flk/refusal';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import {
  admission,
  caller,
  freeBeds,
  type HospFixture,
  header,
  hospFixture,
  isoDaysAgo,
  referral,
} from '../helpers/hospitalisation-fixtures';

/** The hospitalisation service as every channel uses it: lifecycle, idempotency, hold-and-match, feeds, scope. */
let db: TestDatabase;
let f: HospFixture;
const mo = () => caller('soap_mo', 'mo_system', f.polyclinic);
const hosp = () => caller('soap_hosp', 'mo_system', f.hospital);
const smo = () => caller('soap_smo', 'smo_system', f.smo);

beforeAll(async () => {
  db = await createTestDatabase();
  f = await hospFixture(db.sql);
});
afterAll(async () => {
  await db?.drop();
});

describe('hospitalisation lifecycle', () => {
  it('referral → the hospital reads it → admission → discharge; the СМО follows; re-sending changes nothing', async () => {
    const person = f.persons[0]!;
    const r = referral(f, person);
    const sent = await processPackage(db.app, mo(), 'referral', header(f.polyclinic), [r]);
    expect(sent).toMatchObject({ status: 'accepted', accepted: 1, rejected: 0 });
    expect(sent.records[0]!.issues).toEqual([]);

    const incoming = await withCaller(db.app, hosp(), (tx) =>
      readFeed(tx, hosp(), 'referrals', { limit: 100 }),
    );
    const seen = incoming.items.find((i) => 'number' in i && i.number === r.number);
    expect(seen).toMatchObject({ status: 'issued', toMoCode: f.hospital, person: { enp: person.enp } });

    const a = admission(f, person, { referralNumber: r.number, referralDate: r.date });
    const admitted = await processPackage(db.app, hosp(), 'admission', header(f.hospital), [a]);
    expect(admitted.status).toBe('accepted');
    const discharged = await processPackage(db.app, hosp(), 'discharge', header(f.hospital), [
      { sourceId: `${a.sourceId}-out`, admissionSourceId: a.sourceId, date: isoDaysAgo(0), outcome: 1 },
    ]);
    expect(discharged.status).toBe('accepted');

    const [row] = await db.sql`select status from hosp.referral where number = ${r.number}`;
    expect(row!.status).toBe('discharged');
    const mine = await withCaller(db.app, mo(), (tx) => readFeed(tx, mo(), 'admissions', { limit: 100 }));
    expect(mine.items.some((i) => 'caseNumber' in i && i.caseNumber === a.caseNumber)).toBe(true);
    const events = await withCaller(db.app, smo(), (tx) => readFeed(tx, smo(), 'events', { limit: 1000 }));
    const story = events.items
      .filter((e) => 'event' in e && e.person?.enp === person.enp)
      .map((e) => 'event' in e && e.event);
    expect(story).toEqual(['created', 'admitted', 'admitted', 'discharged', 'discharged']);

    // Re-sending the same record in a new package: a no-op (no new row, no new change), even after discharge
    const [before] = await db.sql`select change_seq::text from hosp.referral where number = ${r.number}`;
    const again = await processPackage(db.app, mo(), 'referral', header(f.polyclinic), [r]);
    expect(again.records[0]).toMatchObject({ status: 'accepted' });
    const [after] =
      await db.sql`select change_seq::text, count(*) over ()::int as n from hosp.referral where number = ${r.number}`;
    expect(after).toEqual({ ...before, n: 1 });
    // … but a changed record for a referral that has moved on is refused
    const changed = await processPackage(db.app, mo(), 'referral', header(f.polyclinic), [
      { ...r, diagnosis: 'I25.1' },
    ]);
    expect(changed.records[0]!.issues.map((i) => i.rule)).toContain('HOSP.REF.STATE');
    const same = await processPackage(
      db.app,
      mo(),
      'referral',
      { packageId: 'p-same', senderCode: f.polyclinic },
      [
        referral(f, f.persons[1]!, {
          sourceId: 'fixed-src',
          number: `${f.polyclinic.slice(-4)}2026999001`,
        }),
      ],
    );
    expect(same.status).toBe('accepted');
    const dup = await processPackage(
      db.app,
      mo(),
      'referral',
      { packageId: 'p-same', senderCode: f.polyclinic },
      [{}],
    );
    expect(dup.status).toBe('duplicate');
    expect(
      (await db.sql`select count(*)::int as n from hosp.referral where source_id = 'fixed-src'`)[0]!.n,
    ).toBe(1);
  });

  it('an admission that arrives before its referral waits, and the referral matches it on arrival', async () => {
    const person = f.persons[2]!;
    const r = referral(f, person);
    const a = admission(f, person, { referralNumber: r.number, referralDate: r.date });
    const early = await processPackage(db.app, hosp(), 'admission', header(f.hospital), [a]);
    expect(early.status).toBe('accepted');
    expect(early.records[0]!.issues.map((i) => i.rule)).toEqual(['HOSP.REF.PENDING']);
    await processPackage(db.app, mo(), 'referral', header(f.polyclinic), [r]);
    const [stay] = await db.sql`
      select s.referral_id is not null as matched, r.status from hosp.stay s join hosp.referral r on r.number = ${r.number}
      where s.source_id = ${a.sourceId}`;
    expect(stay).toMatchObject({ matched: true, status: 'admitted' });
  });

  it('cancels a referral with a reason; the СМО may cancel its insured person’s referral too', async () => {
    const r1 = referral(f, f.persons[3]!);
    const r2 = referral(f, f.persons[4]!);
    await processPackage(db.app, mo(), 'referral', header(f.polyclinic), [r1, r2]);
    const byHospital = await processPackage(db.app, hosp(), 'cancellation', header(f.hospital), [
      { sourceId: 'c1', referralNumber: r1.number, referralDate: r1.date, reason: 7, date: isoDaysAgo(0) },
    ]);
    const bySmo = await processPackage(db.app, smo(), 'cancellation', header(f.smo), [
      { sourceId: 'c2', referralNumber: r2.number, referralDate: r2.date, reason: 3, date: isoDaysAgo(0) },
    ]);
    expect([byHospital.status, bySmo.status]).toEqual(['accepted', 'accepted']);
    const rows = await db.sql`select number, status, cancel_source, cancel_reason from hosp.referral
      where number in (${r1.number}, ${r2.number}) order by number`;
    expect(rows.map((x) => [x.status, x.cancel_source, x.cancel_reason]).sort()).toEqual(
      [
        ['cancelled', 1, 3],
        ['cancelled', 2, 7],
      ].sort(),
    );
  });

  it('records an emergency admission without referral, a movement, and free beds the whole region reads', async () => {
    const person = f.persons[5]!;
    const e = admission(f, person, { kind: 'emergency', form: 1 });
    expect((await processPackage(db.app, hosp(), 'admission', header(f.hospital), [e])).status).toBe(
      'accepted',
    );
    const moved = await processPackage(db.app, hosp(), 'movement', header(f.hospital), [
      {
        sourceId: `${e.sourceId}-m`,
        admissionSourceId: e.sourceId,
        departmentCode: f.otherDepartment.code,
        profile: f.otherDepartment.profile,
        bedProfile: f.otherDepartment.bedProfile,
        date: isoDaysAgo(0),
      },
    ]);
    expect(moved.status).toBe('accepted');
    expect(
      (await db.sql`select department_code from hosp.stay where source_id = ${e.sourceId}`)[0]!
        .department_code,
    ).toBe(f.otherDepartment.code);
    expect(
      (await processPackage(db.app, hosp(), 'free-beds', header(f.hospital), [freeBeds(f)])).status,
    ).toBe('accepted');
    const region = await withCaller(db.app, mo(), (tx) => readFeed(tx, mo(), 'free-beds', { limit: 10 }));
    expect(region.items[0]).toMatchObject({ moCode: f.hospital, freeTotal: 4 });
  });

  it('refuses a package sent for another organisation as a whole, storing nothing', async () => {
    await expect(
      processPackage(db.app, mo(), 'referral', header(f.hospital), [referral(f, f.persons[6]!)]),
    ).rejects.toBeInstanceOf(Refusal);
    await expect(
      processPackage(db.app, smo(), 'referral', header(f.smo), [referral(f, f.persons[6]!)]),
    ).rejects.toMatchObject({ code: 'AUTH-403' });
  });

  it('links the person card to the referrals and stays about the person, within the viewer’s scope', async () => {
    const person = f.persons[0]!;
    const forHospital = await withCaller(db.app, hosp(), (tx) =>
      personSectionLinks(tx, person.id, 'mo_registrar', registered),
    );
    expect(forHospital.map((l) => [l.sectionId, l.count])).toEqual([
      ['referrals', 1],
      ['hospitalisations', 1],
    ]);
    const other = caller(
      'test_mo2',
      'mo_registrar',
      (await db.sql`select org_code from auth.account where username='test_mo2'`)[0]!.org_code,
    );
    expect(
      await withCaller(db.app, other, (tx) => personSectionLinks(tx, person.id, 'mo_registrar', registered)),
    ).toEqual([]);
  });

  it('keeps each organisation to its scope: another МО sees neither the referral nor the stay', async () => {
    const other = caller(
      'soap_mo2',
      'mo_system',
      (await db.sql`select org_code from auth.account where username='soap_mo2'`)[0]!.org_code,
    );
    const counts = await withCaller(db.app, other, async (tx) => [
      (await tx`select count(*)::int as n from hosp.referral`)[0]!.n,
      (await tx`select count(*)::int as n from hosp.stay`)[0]!.n,
      (await tx`select count(*)::int as n from hosp.event`)[0]!.n,
    ]);
    expect(counts).toEqual([0, 0, 0]);
  });

  it('audits a package once, naming every record and person it touched; a write outside a package is audited by the database', async () => {
    // Prepare: two new referrals and one whose number is taken (its person is resolved, then it is rejected);
    // a planned admission that waits for the first referral
    const [p1, p2, p3] = [f.persons[7]!, f.persons[8]!, f.persons[9]!];
    const first = referral(f, p1);
    const early = admission(f, p1, { referralNumber: first.number, referralDate: first.date });
    await processPackage(db.app, hosp(), 'admission', header(f.hospital), [early]);
    const taken = (await db.sql<{ number: string }[]>`select number from hosp.referral limit 1`)[0]!.number;
    const who = mo();

    // Act
    const sent = await processPackage(db.app, who, 'referral', header(f.polyclinic), [
      first,
      referral(f, p2),
      referral(f, p3, { number: taken }),
    ]);

    // Assess: one entry under the request, naming the package, both referrals, the stay the first one matched,
    // and all three persons
    expect(sent.records.map((r) => r.status)).toEqual(['accepted', 'accepted', 'rejected']);
    const entries = await db.sql<
      { action: string; entity: string; record_ids: string[]; person_ids: string[] }[]
    >`
      select action, entity, record_ids, person_ids::text[] from audit.entry where request_id = ${who.requestId!}`;
    expect(entries.map((e) => [e.action, e.entity])).toEqual([['import', 'hosp.package']]);
    const [stay] = await db.sql<
      { id: string }[]
    >`select id::text from hosp.stay where source_id = ${early.sourceId}`;
    const [journal] = await db.sql<{ id: string }[]>`
      select id::text from hosp.package where sender_code = ${f.polyclinic} and package_id = ${sent.packageId}`;
    expect([...entries[0]!.record_ids].sort()).toEqual(
      [journal!.id, sent.records[0]!.id!, sent.records[1]!.id!, stay!.id].sort(),
    );
    expect([...entries[0]!.person_ids].sort()).toEqual([p1.id, p2.id, p3.id].sort());

    // Act: a write to a referral outside the package processor (an operator's correction, as the application)
    const correction = caller('test_mo', 'mo_registrar', f.polyclinic, 'web');
    await withCaller(
      db.app,
      correction,
      (tx) => tx`update hosp.referral set phone = '+79990000000' where id = ${sent.records[1]!.id!}`,
    );

    // Assess: the table's trigger audited it
    const [update] = await db.sql<{ record_ids: string[]; person_ids: string[] }[]>`
      select record_ids, person_ids::text[] from audit.entry
      where request_id = ${correction.requestId!} and action = 'update' and entity = 'hosp.referral'`;
    expect(update).toEqual({ record_ids: [sent.records[1]!.id], person_ids: [p2.id] });
  });
});
