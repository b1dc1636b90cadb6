import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type HospMessageKind,
  type PackageProtocol,
  processPackage,
} from '../../shared/hospitalisation/db/process-package';
import type { AccessContext } from '../../shared/platform/access/scoped';
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
  referralNumber,
} from '../helpers/hospitalisation-fixtures';

/**
 * Negative FLK of the hospitalisation family: each case sends a package of one valid and one faulty record; the
 * valid one is accepted, the faulty one rejected with its rule, F012 code and Russian message, and nothing of it
 * is stored.
 *
 * The package processor has two paths: all records' look-ups and writes at once (optimistic), and record by
 * record, each write in its own savepoint (the careful path a package takes when an optimistic write fails).
 * Every package of this file goes through both, each on its own database cloned from the same template, and
 * both must answer the same protocol.
 */
let db: TestDatabase;
let carefulDb: TestDatabase;
let f: HospFixture;
let mo2: string;
let admittedReferral: { number: string; date: string };
let openStay: { sourceId: string; date: string };
let uninsured: { enp: string; before: string };
let personIndex = 0;
const nextPerson = () => f.persons[personIndex++ % f.persons.length]!;

const mo = () => caller('soap_mo', 'mo_system', f.polyclinic);
const hosp = () => caller('soap_hosp', 'mo_system', f.hospital);

/** Sends the package on both paths (a database each) and answers its protocol, the same on both. */
async function send(
  who: AccessContext,
  kind: HospMessageKind,
  header: unknown,
  records: readonly unknown[],
): Promise<PackageProtocol> {
  const together = await processPackage(db.app, who, kind, header, records);
  const oneByOne = await processPackage(carefulDb.app, who, kind, header, records, { careful: true });
  // The stored ids of the two databases may differ: that there is one, is what the protocol says.
  const masked = (p: PackageProtocol) => ({
    ...p,
    records: p.records.map((r) => ({ ...r, id: r.id === undefined ? undefined : 'stored' })),
  });
  expect(masked(oneByOne), `${kind}: the careful path answered otherwise`).toEqual(masked(together));
  return together;
}

beforeAll(async () => {
  [db, carefulDb] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  f = await hospFixture(db.sql);
  mo2 = (await db.sql`select org_code from auth.account where username = 'soap_mo2'`)[0]!.org_code;
  // A referral already admitted, and a stay still open, for the state and order cases
  const r = referral(f, nextPerson());
  await send(mo(), 'referral', header(f.polyclinic), [r]);
  const a = admission(f, f.persons[0]!, {
    referralNumber: r.number,
    referralDate: r.date,
    date: isoDaysAgo(2),
  });
  await send(hosp(), 'admission', header(f.hospital), [a]);
  admittedReferral = { number: r.number, date: r.date };
  openStay = { sourceId: a.sourceId, date: a.date };
  const [late] = await db.sql<{ enp: string; first: string }[]>`
    select p.enp, min(po.date_beg)::text as first from person.person p join person.policy po on po.person_id = p.id
    group by p.id order by min(po.date_beg) desc, p.id limit 1`;
  const day = new Date(`${late!.first}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  uninsured = { enp: late!.enp, before: day.toISOString().slice(0, 10) };
});
afterAll(async () => {
  await Promise.all([db?.drop(), carefulDb?.drop()]);
});

interface FlkCase {
  name: string;
  kind: HospMessageKind;
  who: () => AccessContext;
  valid: () => Record<string, unknown>;
  bad: () => Record<string, unknown>;
  rule: string;
  code: string;
  message: RegExp;
  /** Counts what the faulty record would have stored: must be 0. */
  stored: (bad: Record<string, unknown>) => Promise<number>;
}

const count = async (q: Promise<{ n: number }[]>) => (await q)[0]!.n;
const referralStored = (bad: Record<string, unknown>) =>
  count(db.sql`select count(*)::int as n from hosp.referral where source_id = ${String(bad.sourceId)}`);
const stayStored = (bad: Record<string, unknown>) =>
  count(db.sql`select count(*)::int as n from hosp.stay where source_id = ${String(bad.sourceId)}`);
const bedsStored = (bad: Record<string, unknown>) =>
  count(db.sql`select count(*)::int as n from hosp.free_beds where source_id = ${String(bad.sourceId)}`);
const planStored = (bad: Record<string, unknown>) =>
  count(db.sql`select count(*)::int as n from hosp.plan where source_id = ${String(bad.sourceId)}`);
const cancelStored = (bad: Record<string, unknown>) =>
  count(
    db.sql`select count(*)::int as n from hosp.referral where cancel_source_id = ${String(bad.sourceId)}`,
  );
const dischargeStored = (bad: Record<string, unknown>) =>
  count(db.sql`select count(*)::int as n from hosp.stay where discharge_source_id = ${String(bad.sourceId)}`);

const ref =
  (over: Record<string, unknown> = {}) =>
  () => ({ ...referral(f, nextPerson()), ...over });
const validRef = () => referral(f, nextPerson());
const plan =
  (over: Record<string, unknown> = {}) =>
  () => ({
    sourceId: randomUUID(),
    year: new Date().getUTCFullYear(),
    month: 1 + (personIndex++ % 12),
    moCode: f.hospital,
    profile: f.department.profile,
    conditions: f.department.conditions,
    smoCode: f.smo,
    planned: 10,
    ...over,
  });

const cases: FlkCase[] = [
  {
    name: 'a referral without its number',
    kind: 'referral',
    who: mo,
    valid: validRef,
    bad: () => {
      const { number: _omitted, ...rest } = referral(f, nextPerson());
      return rest;
    },
    rule: 'FORMAT',
    code: '902',
    message: /Отсутствует обязательное поле/,
    stored: referralStored,
  },
  {
    name: 'a date not in ГГГГ-ММ-ДД',
    kind: 'referral',
    who: mo,
    valid: validRef,
    bad: ref({ date: '01.02.2026' }),
    rule: 'FORMAT',
    code: '903',
    message: /ГГГГ-ММ-ДД/,
    stored: referralStored,
  },
  {
    name: 'an unknown form of care (V014)',
    kind: 'referral',
    who: mo,
    valid: validRef,
    bad: ref({ form: 9 }),
    rule: 'HOSP.NSI.V014',
    code: '904',
    message: /V014/,
    stored: referralStored,
  },
  {
    name: 'unknown conditions (V006)',
    kind: 'referral',
    who: mo,
    valid: validRef,
    bad: ref({ conditions: 9 }),
    rule: 'HOSP.NSI.V006',
    code: '904',
    message: /V006/,
    stored: referralStored,
  },
  {
    name: 'an unknown profile (V002)',
    kind: 'referral',
    who: mo,
    valid: validRef,
    bad: ref({ profile: 99_999, toDepartmentCode: undefined }),
    rule: 'HOSP.NSI.V002',
    code: '904',
    message: /V002/,
    stored: referralStored,
  },
  {
    name: 'an unknown bed profile (V020)',
    kind: 'referral',
    who: mo,
    valid: validRef,
    bad: ref({ bedProfile: 9_999, toDepartmentCode: undefined }),
    rule: 'HOSP.NSI.V020',
    code: '904',
    message: /V020/,
    stored: referralStored,
  },
  {
    name: 'an unknown diagnosis (МКБ-10)',
    kind: 'referral',
    who: mo,
    valid: validRef,
    bad: ref({ diagnosis: 'Я00.0' }),
    rule: 'HOSP.NSI.MKB',
    code: '904',
    message: /МКБ-10/,
    stored: referralStored,
  },
  {
    name: 'a bed profile inconsistent with the profile of care',
    kind: 'referral',
    who: mo,
    valid: validRef,
    bad: ref({ profile: 97, bedProfile: 80, toDepartmentCode: undefined }),
    rule: 'HOSP.BED_PROFILE',
    code: '904',
    message: /не соответствует профилю/,
    stored: referralStored,
  },
  {
    name: 'an unknown target МО',
    kind: 'referral',
    who: mo,
    valid: validRef,
    bad: ref({ toMoCode: '999999', toDepartmentCode: undefined }),
    rule: 'HOSP.MO.UNKNOWN',
    code: '904',
    message: /организация не найдена/,
    stored: referralStored,
  },
  {
    name: 'an unknown department of the hospital',
    kind: 'referral',
    who: mo,
    valid: validRef,
    bad: ref({ toDepartmentCode: 'НЕТ-ТАКОГО' }),
    rule: 'HOSP.DEPT.UNKNOWN',
    code: '904',
    message: /Подразделение не найдено/,
    stored: referralStored,
  },
  {
    name: 'a department without beds of the bed profile',
    kind: 'referral',
    who: mo,
    valid: validRef,
    bad: () => ({
      ...referral(f, nextPerson()),
      profile: f.otherDepartment.profile,
      bedProfile: f.otherDepartment.bedProfile,
    }),
    rule: 'HOSP.DEPT.BEDS',
    code: '904',
    message: /нет коек этого профиля/,
    stored: referralStored,
  },
  {
    name: 'a duplicate referral number',
    kind: 'referral',
    who: mo,
    valid: validRef,
    bad: () => ({ ...referral(f, nextPerson()), number: admittedReferral.number }),
    rule: 'HOSP.REF.DUPLICATE',
    code: '905',
    message: /уже зарегистрировано/,
    stored: referralStored,
  },
  {
    name: 'a referral dated in the future',
    kind: 'referral',
    who: mo,
    valid: validRef,
    bad: ref({ date: isoDaysAgo(-2), plannedDate: isoDaysAgo(-5) }),
    rule: 'HOSP.DATE.FUTURE',
    code: '904',
    message: /позже текущей даты/,
    stored: referralStored,
  },
  {
    name: 'a planned date before the referral date',
    kind: 'referral',
    who: mo,
    valid: validRef,
    bad: ref({ date: isoDaysAgo(3), plannedDate: isoDaysAgo(5) }),
    rule: 'HOSP.DATE.ORDER',
    code: '904',
    message: /порядок дат/,
    stored: referralStored,
  },
  {
    name: 'a doctor’s СНИЛС with a wrong checksum',
    kind: 'referral',
    who: mo,
    valid: validRef,
    bad: ref({ doctorSnils: '112-233-445 94' }),
    rule: 'HOSP.DOCTOR.SNILS',
    code: '904',
    message: /СНИЛС врача/,
    stored: referralStored,
  },
  {
    name: 'a ВМП referral without its талон',
    kind: 'referral',
    who: mo,
    valid: validRef,
    bad: ref({ kind: 'vmp' }),
    rule: 'HOSP.VMP.TALON',
    code: '902',
    message: /талона/,
    stored: referralStored,
  },
  {
    name: 'a person not in the regional ЕРЗ',
    kind: 'referral',
    who: mo,
    valid: validRef,
    bad: ref({ patient: { enp: '7700000000000016' } }),
    rule: 'ID.NOT_FOUND',
    code: '904',
    message: /не найдено в региональном сегменте ЕРЗ/,
    stored: referralStored,
  },
  {
    name: 'an ЕНП with a wrong check digit',
    kind: 'referral',
    who: mo,
    valid: validRef,
    bad: ref({ patient: { enp: '7700000000000017' } }),
    rule: 'ID.ENP.CONTROL',
    code: '904',
    message: /контрольная цифра ЕНП/,
    stored: referralStored,
  },
  {
    name: 'a person not insured on the referral date',
    kind: 'referral',
    who: mo,
    valid: validRef,
    bad: () => ({
      ...referral(f, nextPerson()),
      patient: { enp: uninsured.enp },
      date: uninsured.before,
      plannedDate: uninsured.before,
    }),
    rule: 'ID.NOT_INSURED',
    code: '904',
    message: /не застраховано в регионе на дату/,
    stored: referralStored,
  },
  {
    name: 'a referral sent on behalf of another МО',
    kind: 'referral',
    who: mo,
    valid: validRef,
    bad: () => ({ ...referral(f, nextPerson()), fromMoCode: mo2 }),
    rule: 'HOSP.SENDER',
    code: '904',
    message: /за другую медицинскую организацию/,
    stored: referralStored,
  },
  {
    name: 'a cancellation of an unknown referral',
    kind: 'cancellation',
    who: hosp,
    valid: () => {
      const r = referral(f, nextPerson());
      pendingReferrals.push(r);
      return {
        sourceId: randomUUID(),
        referralNumber: r.number,
        referralDate: r.date,
        reason: 7,
        date: isoDaysAgo(0),
      };
    },
    bad: () => ({
      sourceId: randomUUID(),
      referralNumber: referralNumber(f.polyclinic),
      referralDate: isoDaysAgo(3),
      reason: 7,
      date: isoDaysAgo(0),
    }),
    rule: 'HOSP.REF.UNKNOWN',
    code: '904',
    message: /Направление не найдено/,
    stored: cancelStored,
  },
  {
    name: 'a cancellation reason outside 1–9',
    kind: 'cancellation',
    who: hosp,
    valid: () => {
      const r = referral(f, nextPerson());
      pendingReferrals.push(r);
      return {
        sourceId: randomUUID(),
        referralNumber: r.number,
        referralDate: r.date,
        reason: 1,
        date: isoDaysAgo(0),
      };
    },
    bad: () => {
      const r = referral(f, nextPerson());
      pendingReferrals.push(r);
      return {
        sourceId: randomUUID(),
        referralNumber: r.number,
        referralDate: r.date,
        reason: 12,
        date: isoDaysAgo(0),
      };
    },
    rule: 'HOSP.CANCEL.REASON',
    code: '904',
    message: /причины аннулирования/,
    stored: cancelStored,
  },
  {
    name: 'a cancellation of a referral already admitted',
    kind: 'cancellation',
    who: hosp,
    valid: () => {
      const r = referral(f, nextPerson());
      pendingReferrals.push(r);
      return {
        sourceId: randomUUID(),
        referralNumber: r.number,
        referralDate: r.date,
        reason: 2,
        date: isoDaysAgo(0),
      };
    },
    bad: () => ({
      sourceId: randomUUID(),
      referralNumber: admittedReferral.number,
      referralDate: admittedReferral.date,
      reason: 3,
      date: isoDaysAgo(0),
    }),
    rule: 'HOSP.REF.STATE',
    code: '904',
    message: /не допускает этого действия/,
    stored: cancelStored,
  },
  {
    name: 'an emergency admission with the planned form of care',
    kind: 'admission',
    who: hosp,
    valid: () => admission(f, nextPerson(), { kind: 'emergency', form: 1 }),
    bad: () => admission(f, nextPerson(), { kind: 'emergency', form: 3 }),
    rule: 'HOSP.FORM.EMERGENCY',
    code: '904',
    message: /плановую форму/,
    stored: stayStored,
  },
  {
    name: 'an admission on an expired referral',
    kind: 'admission',
    who: hosp,
    valid: () => admission(f, nextPerson(), { kind: 'emergency', form: 1 }),
    bad: () =>
      admission(f, nextPerson(), {
        referralNumber: expired.number,
        referralDate: expired.date,
        date: isoDaysAgo(0),
      }),
    rule: 'HOSP.REF.EXPIRED',
    code: '904',
    message: /срок действия направления/,
    stored: stayStored,
  },
  {
    name: 'an admission on a referral addressed to another МО',
    kind: 'admission',
    who: () => caller('soap_mo2', 'mo_system', mo2),
    valid: () => ({ sourceId: 'none' }),
    bad: () => ({
      ...admission(f, nextPerson(), { referralNumber: openReferral.number, referralDate: openReferral.date }),
      moCode: mo2,
    }),
    rule: 'HOSP.REF.OTHER_MO',
    code: '904',
    message: /в другую медицинскую организацию/,
    stored: stayStored,
  },
  {
    name: 'a discharge of an unknown stay',
    kind: 'discharge',
    who: hosp,
    valid: () => ({
      sourceId: randomUUID(),
      admissionSourceId: openStay.sourceId,
      date: isoDaysAgo(0),
      outcome: 1,
    }),
    bad: () => ({
      sourceId: randomUUID(),
      admissionSourceId: 'no-such-stay',
      date: isoDaysAgo(0),
      outcome: 1,
    }),
    rule: 'HOSP.STAY.UNKNOWN',
    code: '904',
    message: /Госпитализация не найдена/,
    stored: dischargeStored,
  },
  {
    name: 'a discharge outcome outside the list',
    kind: 'discharge',
    who: hosp,
    valid: () => ({ sourceId: 'none' }),
    bad: () => ({
      sourceId: randomUUID(),
      admissionSourceId: openStay.sourceId,
      date: isoDaysAgo(0),
      outcome: 9,
    }),
    rule: 'HOSP.OUTCOME',
    code: '904',
    message: /исхода госпитализации/,
    stored: dischargeStored,
  },
  {
    name: 'a discharge before the admission',
    kind: 'discharge',
    who: hosp,
    valid: () => ({ sourceId: 'none' }),
    bad: () => ({
      sourceId: randomUUID(),
      admissionSourceId: openStay.sourceId,
      date: isoDaysAgo(10),
      outcome: 1,
    }),
    rule: 'HOSP.DATE.ORDER',
    code: '904',
    message: /порядок дат/,
    stored: dischargeStored,
  },
  {
    name: 'free beds for men above the free total',
    kind: 'free-beds',
    who: hosp,
    valid: () => freeBeds(f, { date: isoDaysAgo(1) }),
    bad: () => freeBeds(f, { date: isoDaysAgo(2), freeMale: 9, freeTotal: 4 }),
    rule: 'HOSP.BEDS.COUNTS',
    code: '904',
    message: /противоречат/,
    stored: bedsStored,
  },
  {
    name: 'more free beds than the department’s bed fund',
    kind: 'free-beds',
    who: hosp,
    valid: () => freeBeds(f, { date: isoDaysAgo(3) }),
    bad: () => freeBeds(f, { date: isoDaysAgo(4), freeTotal: f.department.beds + 1, freeAdult: 1 }),
    rule: 'HOSP.BEDS.COUNTS',
    code: '904',
    message: /противоречат/,
    stored: bedsStored,
  },
  {
    name: 'a plan line for an unknown СМО',
    kind: 'plan',
    who: hosp,
    valid: plan(),
    bad: plan({ smoCode: '99999' }),
    rule: 'HOSP.PLAN.SMO',
    code: '904',
    message: /СМО не найдена/,
    stored: planStored,
  },
  {
    name: 'a plan line for month 13',
    kind: 'plan',
    who: hosp,
    valid: plan(),
    bad: plan({ month: 13 }),
    rule: 'HOSP.PLAN.PERIOD',
    code: '904',
    message: /период плана/,
    stored: planStored,
  },
];

const pendingReferrals: ReturnType<typeof referral>[] = [];
let expired: { number: string; date: string };
let openReferral: { number: string; date: string };

beforeAll(async () => {
  const old = referral(f, nextPerson(), { date: isoDaysAgo(45), plannedDate: isoDaysAgo(40) });
  const open = referral(f, nextPerson());
  await send(mo(), 'referral', header(f.polyclinic), [old, open]);
  expired = { number: old.number, date: old.date };
  openReferral = { number: open.number, date: open.date };
});

describe('negative FLK of the hospitalisation family', () => {
  it('has at least 20 distinct cases', () => {
    expect(new Set(cases.map((c) => c.name)).size).toBeGreaterThanOrEqual(20);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    // Prepare: the valid record of the package, and the faulty one
    const valid = c.valid();
    const bad = c.bad();
    if (pendingReferrals.length > 0) {
      await send(mo(), 'referral', header(f.polyclinic), pendingReferrals.splice(0));
    }
    const records = valid.sourceId === 'none' ? [bad] : [valid, bad];

    // Act
    const who = c.who();
    const protocol = await send(who, c.kind, header(who.orgCode), records);

    // Assess: the valid record accepted, the faulty one rejected with its rule, code and Russian message
    const rejected = protocol.records.at(-1)!;
    if (records.length === 2) {
      expect(protocol.status, JSON.stringify(protocol.records[0])).toBe('partially_accepted');
      expect(protocol.records[0]!.status).toBe('accepted');
    }
    expect(rejected.status).toBe('rejected');
    const issue = rejected.issues.find((i) => i.rule === c.rule);
    expect(issue, JSON.stringify(rejected.issues)).toBeDefined();
    expect(issue!.code).toBe(c.code);
    expect(issue!.severity).toBe('error');
    expect(issue!.message).toMatch(c.message);
    // … and nothing of it was stored
    expect(await c.stored(bad)).toBe(0);
  });
});
