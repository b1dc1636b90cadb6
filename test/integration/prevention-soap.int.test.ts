import { randomUUID } from 'node:crypto';
import * as soap from 'soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispensarisationYear } from '../../shared/prevention/domain/eligibility';
import { cp1251 } from '../helpers/cp1251';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { packageHeader, type SoapAny, soapClient, soapDay, soapList } from '../helpers/soap-clients';
import { wsSecurity, xmlOf } from '../helpers/soap-xml';

/**
 * SOAP PreventionService (issue 13) through clients generated from its WSDL by node-soap, against the whole local
 * runtime: an МО publishes its schedule and phones, sends its plan list, steps, plan volumes, ДН and polyclinic
 * cases; the СМО and the fund read them by cursor, with the due list and the funnel; each bad record is rejected
 * with its F012 code and PREV.* rule and nothing of it is stored; a bad request is a Fault, never a 5xx.
 */
let t: TestRuntime;

type Any = SoapAny;

interface Person {
  id: string;
  enp: string;
  birthDate: string;
  district: string | null;
}

interface Fixture {
  today: string;
  year: number;
  month: number;
  mo: string;
  mo2: string;
  smo: string;
  /** Adults attached to the МО, insured by the СМО of soap_smo, due for ДВН this year. */
  dvn: Person[];
  /** An adult attached to the МО in a year of ПМО. */
  pmo: Person;
  /** An adult attached to the second polyclinic only. */
  elsewhere: Person;
  department: string | null;
  doctorSnils: string;
  diagnosis: string;
  specialty: number;
  purpose: string;
}
let fx: Fixture;

const ns = 'urn:omslink:prevention:1';
const url = () => `${t.runtime.url}/soap/PreventionService`;

const client = (username: string): Promise<Any> => soapClient(t.runtime.url, 'PreventionService', username);

const list = soapList;

const day = soapDay;

/** The ISO day `n` days after today (before it when negative). */
const inDays = (n: number) => {
  const d = new Date(`${fx.today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

const header = packageHeader;

/** Reads a feed to its end from `cursor`: every item, and the cursor to continue from later. */
async function drain(c: Any, operation: string, element: string, cursor = '', extra: object = {}) {
  const items: Any[] = [];
  for (let page = 0; page < 100; page++) {
    const [answer] = await c[`${operation}Async`]({ ChangedSince: cursor, Limit: 1000, ...extra });
    const got = list(answer?.[element]);
    items.push(...got);
    cursor = answer?.NextCursor ?? cursor;
    if (got.length === 0) return { items, cursor };
  }
  throw new Error(`${operation} did not reach the end of its feed`);
}

/** The latest version of each record a feed delivered, by source id. */
const latest = (items: Any[]) => new Map(items.map((i) => [i.SourceId as string, i]));

/** A SOAP Fault as node-soap's client rejects it: HTTP status and the whole answer as text. */
async function fault(call: Promise<unknown>): Promise<{ status: number; text: string }> {
  const error = (await call.then(
    () => null,
    (e: unknown) => e,
  )) as Any;
  if (!error) throw new Error('expected a SOAP Fault');
  return { status: error.response?.status, text: JSON.stringify(error.root ?? error.body ?? '') };
}

/** A raw SOAP request of soap_mo (WS-Security), for what a generated client would never send. */
function envelope(element: string, inner: string, username = 'soap_mo'): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="${ns}">` +
    `${wsSecurity(username, username)}<soap:Body><m:${element}>${inner}</m:${element}></soap:Body></soap:Envelope>`
  );
}

function post(body: string | Uint8Array, headers: Record<string, string> = {}) {
  return fetch(url(), {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', ...headers },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
}

const slot = (over: Record<string, unknown> = {}): Record<string, Any> => ({
  SourceId: `slot-${randomUUID()}`,
  MoCode: fx.mo,
  Kind: 'DVN',
  Date: inDays(7),
  TimeFrom: '08:00',
  TimeTo: '12:00',
  Method: 1,
  ...over,
});
const planEntry = (p: Person, over: Record<string, unknown> = {}) => ({
  SourceId: `plan-${randomUUID()}`,
  Patient: { Enp: p.enp },
  Year: fx.year,
  Kind: 'DVN',
  Month: [fx.month],
  ...(p.district ? { DistrictCode: p.district } : {}),
  ...over,
});
const step = (p: Person, code: number, over: Record<string, unknown> = {}) => ({
  SourceId: `step-${randomUUID()}`,
  Patient: { Enp: p.enp },
  Kind: 'DVN',
  Step: code,
  Date: fx.today,
  ...over,
});
const dispensary = (p: Person, over: Record<string, unknown> = {}) => ({
  SourceId: `dn-${randomUUID()}`,
  Patient: { Enp: p.enp },
  Diagnosis: fx.diagnosis,
  DateIn: inDays(-200),
  StatusIn: 1,
  Specialty: fx.specialty,
  DoctorSnils: fx.doctorSnils,
  Visit: [
    { From: inDays(-120), To: inDays(-90) },
    { From: inDays(-30), To: inDays(-10) },
  ],
  ...over,
});
const polyclinicCase = (p: Person, over: Record<string, unknown> = {}) => ({
  SourceId: `case-${randomUUID()}`,
  Patient: { Enp: p.enp },
  DateFrom: inDays(-3),
  DateTo: inDays(-3),
  Purpose: fx.purpose,
  Diagnosis: fx.diagnosis,
  Specialty: fx.specialty,
  ...over,
});

type Table =
  | 'schedule_slot'
  | 'contact'
  | 'plan_entry'
  | 'plan_volume'
  | 'step'
  | 'dispensary'
  | 'polyclinic_case';

/** How many rows of an area table there are (the test's owner connection sees every organisation's). */
async function rows(table: Table): Promise<number> {
  const [row] = await t.db.sql<
    { n: number }[]
  >`select count(*)::int as n from ${t.db.sql(`prevention.${table}`)}`;
  return row!.n;
}

/** Rows stored under a sender's source id. */
async function storedUnder(table: Table, sourceId: string): Promise<number> {
  const [row] = await t.db.sql<{ n: number }[]>`
    select count(*)::int as n from ${t.db.sql(`prevention.${table}`)}
    where sender_code = ${fx.mo} and source_id = ${sourceId}`;
  return row!.n;
}

async function packagesNamed(packageId: string): Promise<number> {
  const [row] = await t.db.sql<{ n: number }[]>`
    select count(*)::int as n from prevention.package where package_id = ${packageId}`;
  return row!.n;
}

beforeAll(async () => {
  t = await startTestRuntime();
  const sql = t.db.sql;
  const [{ today }] = (await sql`select current_date::text as today`) as unknown as [{ today: string }];
  const year = Number(today.slice(0, 4));
  const org = async (username: string) =>
    ((await sql`select org_code from auth.account where username = ${username}`)[0] as { org_code: string })
      .org_code;
  const [mo, mo2, smo] = [await org('soap_mo'), await org('soap_mo2'), await org('soap_smo')];
  const attachedTo = (moCode: string) => sql<(Person & { smo: string })[]>`
    select p.id::text, p.enp, p.birth_date::text as "birthDate", a.district_code as district, po.smo_code as smo
    from person.person p
    join person.attachment a on a.person_id = p.id and a.mo_code = ${moCode} and a.date_end is null
                            and a.date_beg <= current_date
    join person.policy po on po.person_id = p.id and po.date_end is null and po.date_beg <= current_date - 5
    where p.birth_date < make_date(${year} - 18, 1, 1)
      and (select count(*) from person.policy x where x.person_id = p.id and x.date_end is null) = 1
      and not exists (select 1 from person.attachment o where o.person_id = p.id and o.mo_code <> a.mo_code)
    order by p.id limit 300`;
  const age = (p: Person) => year - Number(p.birthDate.slice(0, 4));
  const own = await attachedTo(mo);
  const dvn = own.filter((p) => dispensarisationYear(age(p)) && p.smo === smo);
  const pmo = own.find((p) => !dispensarisationYear(age(p)));
  const [elsewhere] = await attachedTo(mo2);
  const [department] = await sql<{ code: string }[]>`
    select code from org.department where mo_code = ${mo} order by code limit 1`;
  const [doctor] = await sql<{ snils: string }[]>`
    select snils from org.doctor where mo_code = ${mo} order by snils limit 1`;
  const valid = (directory: string) => sql<{ code: string }[]>`
    select code from nsi.record
    where directory_code = ${directory} and date_beg <= current_date - 400 and date_end is null
      and (${directory} <> 'MKB10' or code ~ '^I1[0-5]')
    order by code limit 1`;
  const [[mkb], [v021], [v025]] = await Promise.all([valid('MKB10'), valid('V021'), valid('V025')]);
  if (dvn.length < 8 || !pmo || !elsewhere || !doctor || !mkb || !v021 || !v025) {
    throw new Error('the demo region lacks attached persons, a doctor or НСИ codes for prevention');
  }
  fx = {
    today,
    year,
    month: Number(today.slice(5, 7)),
    mo,
    mo2,
    smo,
    dvn,
    pmo,
    elsewhere,
    department: department?.code ?? null,
    doctorSnils: doctor.snils,
    diagnosis: mkb.code,
    specialty: Number(v021.code),
    purpose: v025.code,
  };
});
afterAll(async () => {
  await t?.stop();
});

describe('SOAP PreventionService: what an МО sends and who reads it', () => {
  it('publishes an МО’s schedule and phones, read by every system after its cursor', async () => {
    // Arrange: the СМО reads the schedule feed to its end first
    const mo = await client('soap_mo');
    const smo = await client('soap_smo');
    const before = await drain(smo, 'GetSchedules', 'ScheduleSlot');
    let saturday = 1;
    while (new Date(`${inDays(saturday)}T00:00:00Z`).getUTCDay() !== 6) saturday++;
    const morning = slot({ Date: inDays(saturday), TimeFrom: '09:00', TimeTo: '13:00', Capacity: 20 });
    const mobile = slot({
      Date: inDays(10),
      TimeFrom: '16:00',
      TimeTo: '19:30',
      Method: 2,
      Address: 'с. Заречное, ул. Школьная, 3 (ФАП)',
      Comment: 'Выезд мобильной бригады',
    });

    // Act
    const [phones] = await mo.SendContactsAsync({
      Header: header(fx.mo),
      Contact: { SourceId: 'phone-1', MoCode: fx.mo, Phone: '+7 (800) 100-20-30', Comment: 'Запись' },
    });
    const [sent] = await mo.SendScheduleAsync({ Header: header(fx.mo), ScheduleSlot: [morning, mobile] });

    // Assess: accepted with our ids
    expect(phones.Protocol).toMatchObject({ Status: 'accepted', Accepted: 1 });
    expect(sent.Protocol).toMatchObject({ Status: 'accepted', Total: 2, Accepted: 2, Rejected: 0 });
    expect(list<Any>(sent.Protocol.Record).every((r) => /^\d+$/.test(r.Id))).toBe(true);

    // Assess: the СМО reads exactly these two slots, Saturday and evening marked, with the МО's phone
    const read = await drain(smo, 'GetSchedules', 'ScheduleSlot', before.cursor);
    expect(read.items.map((s: Any) => s.SourceId)).toEqual([morning.SourceId, mobile.SourceId]);
    const [first, second] = read.items;
    expect(first).toMatchObject({ MoCode: fx.mo, Kind: 'DVN', Method: 1, Capacity: 20, Saturday: true });
    expect(day(first.Date)).toBe(morning.Date);
    expect(second).toMatchObject({
      TimeFrom: '16:00',
      TimeTo: '19:30',
      Method: 2,
      Address: mobile.Address,
      Comment: mobile.Comment,
      Evening: true,
      Cancelled: false,
    });
    expect(list(second.Phone)).toContain('+7 (800) 100-20-30');
    expect(BigInt(read.cursor)).toBeGreaterThan(BigInt(before.cursor || '0'));

    // Act + Assess: the slot cancelled under the same id changes it; the feed delivers it again, cancelled
    const [cancelled] = await mo.SendScheduleAsync({
      Header: header(fx.mo),
      ScheduleSlot: { ...mobile, Cancelled: true },
    });
    expect(cancelled.Protocol.Status).toBe('accepted');
    const again = await drain(smo, 'GetSchedules', 'ScheduleSlot', read.cursor);
    expect(again.items.map((s: Any) => [s.SourceId, s.Cancelled])).toEqual([[mobile.SourceId, true]]);
    const foreign = await drain(smo, 'GetSchedules', 'ScheduleSlot', before.cursor, { MoCode: fx.mo2 });
    expect(foreign.items).toEqual([]);
    expect(await storedUnder('schedule_slot', mobile.SourceId)).toBe(1);
  });

  it('takes a plan list and steps; the СМО reads its insured persons’ entries, its due list and the funnel', async () => {
    // Arrange
    const mo = await client('soap_mo');
    const smo = await client('soap_smo');
    const mo2 = await client('soap_mo2');
    const [a, b, c] = fx.dvn as [Person, Person, Person];
    const smoBefore = await drain(smo, 'GetPlanList', 'PlanEntry');
    const mo2Before = await drain(mo2, 'GetPlanList', 'PlanEntry');
    const funnel = async (who: Any) =>
      (await who.GetFunnelAsync({ Year: fx.year, Kind: 'DVN', MoCode: fx.mo }))[0].Funnel;
    const funnelBefore = await funnel(mo);
    const entries = [planEntry(a, { DoctorSnils: fx.doctorSnils, Category: 1 }), planEntry(b), planEntry(c)];
    const planPackage = header(fx.mo);

    // Act: the plan, then steps: a starts and finishes stage 1, b refuses
    const [planned] = await mo.SendPlanListAsync({ Header: planPackage, PlanEntry: entries });
    const [stepped] = await mo.SendStepsAsync({ Header: header(fx.mo), Step: [step(a, 102), step(b, 101)] });
    const [finished] = await mo.SendStepsAsync({ Header: header(fx.mo), Step: step(a, 103) });

    // Assess: all accepted; the same plan package again is a duplicate and changes nothing
    expect(planned.Protocol).toMatchObject({ Status: 'accepted', Accepted: 3 });
    expect(stepped.Protocol).toMatchObject({ Status: 'accepted', Accepted: 2 });
    expect(finished.Protocol).toMatchObject({ Status: 'accepted', Accepted: 1 });
    const [repeated] = await mo.SendPlanListAsync({ Header: planPackage, PlanEntry: entries });
    expect(repeated.Protocol).toMatchObject({ PackageId: planPackage.PackageId, Status: 'duplicate' });
    expect(await packagesNamed(planPackage.PackageId)).toBe(1);

    // Assess: the СМО's feed carries each entry with its furthest step; the other МО's carries none of them
    const read = latest((await drain(smo, 'GetPlanList', 'PlanEntry', smoBefore.cursor)).items);
    const [ea, eb, ec] = entries.map((e) => read.get(e.SourceId));
    expect(ea).toMatchObject({
      MoCode: fx.mo,
      SmoCode: fx.smo,
      Year: fx.year,
      Kind: 'DVN',
      Month: [fx.month],
      DoctorSnils: fx.doctorSnils,
      Category: 1,
      Withdrawn: false,
      FurthestStep: 103,
      Patient: { PersonId: a.id, Enp: a.enp },
    });
    expect(day(ea.FurthestStepDate)).toBe(fx.today);
    expect(day(ea.Patient.BirthDate)).toBe(a.birthDate);
    expect(eb).toMatchObject({ FurthestStep: 101 });
    expect(ec).toBeDefined();
    expect(ec.FurthestStep).toBeUndefined();
    const yearOnly = await drain(smo, 'GetPlanList', 'PlanEntry', smoBefore.cursor, { Year: fx.year + 1 });
    expect(yearOnly.items).toEqual([]);
    const other = await drain(mo2, 'GetPlanList', 'PlanEntry', mo2Before.cursor);
    expect(other.items.filter((e: Any) => entries.some((x) => x.SourceId === e.SourceId))).toEqual([]);

    // Assess: c, planned this month and not started, is due for the МО and for the СМО
    const month = fx.today.slice(0, 7);
    for (const reader of [mo, smo]) {
      const [due] = await reader.GetDueListAsync({ Month: month, Kind: 'DVN', PageSize: 500 });
      const ids = list<Any>(due.Entry).map((e) => e.PersonId);
      expect(ids).toContain(c.id);
      expect(ids).not.toContain(a.id);
      expect(ids).not.toContain(b.id);
      expect(due).toMatchObject({ Page: 1, PageSize: 500, HasMore: false });
    }

    // Assess: the funnel moved by exactly these three persons
    const after = await funnel(mo);
    const moved = (name: string) => after[name] - funnelBefore[name];
    expect(['Planned', 'Started', 'FinishedStage1', 'SentToStage2', 'Refused'].map(moved)).toEqual([
      3, 1, 1, 0, 1,
    ]);
    expect(after).toMatchObject({ Year: fx.year, Kind: 'DVN', MoCode: fx.mo });
    expect((await funnel(smo)).Planned).toBeGreaterThanOrEqual(3);
    expect((await funnel(mo2)).Planned).toBe(0);

    // Assess: the СМО's reads of personal data are audited
    const audited = await t.db.sql`
      select 1 from audit.entry
      where username = 'soap_smo' and action = 'read' and entity = 'prevention.plan_entry'
        and ${a.id}::bigint = any(person_ids)`;
    expect(audited.length).toBeGreaterThanOrEqual(1);
  });

  it('lets the fund’s system read the region’s plan entries and funnel', async () => {
    // Arrange
    const mo = await client('soap_mo');
    const tfoms = await client('soap_tfoms');
    const person = fx.dvn[3]!;
    const entry = planEntry(person);
    const [sent] = await mo.SendPlanListAsync({ Header: header(fx.mo), PlanEntry: entry });
    expect(sent.Protocol.Status).toBe('accepted');

    // Act
    const plans = latest((await drain(tfoms, 'GetPlanList', 'PlanEntry')).items);
    const [answer] = await tfoms.GetFunnelAsync({ Year: fx.year, Kind: 'DVN', MoCode: fx.mo });
    const schedules = await drain(tfoms, 'GetSchedules', 'ScheduleSlot');

    // Assess
    expect(plans.get(entry.SourceId)).toMatchObject({ MoCode: fx.mo, Patient: { PersonId: person.id } });
    expect(answer.Funnel.Planned).toBeGreaterThanOrEqual(1);
    expect(schedules.cursor).toMatch(/^\d+$/);
  });

  it('takes ДН and polyclinic cases; the СМО reads them, and a case closes the owed visit', async () => {
    // Arrange
    const mo = await client('soap_mo');
    const smo = await client('soap_smo');
    const mo2 = await client('soap_mo2');
    const person = fx.dvn[4]!;
    const dnBefore = await drain(smo, 'GetDispensary', 'Dispensary');
    const casesBefore = await drain(smo, 'GetPolyclinicCases', 'PolyclinicCase');
    const mo2Before = await drain(mo2, 'GetDispensary', 'Dispensary');
    const record = dispensary(person, { LastVisit: inDays(-100), ReasonIn: 101 });

    // Act
    const [sent] = await mo.SendDispensaryAsync({ Header: header(fx.mo), Dispensary: record });

    // Assess: accepted; the СМО reads it with its visit windows in order, overdue since the second window ended
    expect(sent.Protocol).toMatchObject({ Status: 'accepted', Accepted: 1 });
    const read = await drain(smo, 'GetDispensary', 'Dispensary', dnBefore.cursor);
    expect(read.items.map((d: Any) => d.SourceId)).toEqual([record.SourceId]);
    const [dn] = read.items;
    expect(dn).toMatchObject({
      MoCode: fx.mo,
      SmoCode: fx.smo,
      Diagnosis: fx.diagnosis,
      StatusIn: 1,
      ReasonIn: 101,
      Specialty: fx.specialty,
      DoctorSnils: fx.doctorSnils,
      MoAssign: 1,
      Patient: { PersonId: person.id },
    });
    expect(list<Any>(dn.Visit).map((v) => [day(v.From), day(v.To)])).toEqual([
      [inDays(-120), inDays(-90)],
      [inDays(-30), inDays(-10)],
    ]);
    expect([day(dn.LastVisit), day(dn.OverdueFrom)]).toEqual([inDays(-100), inDays(-10)]);

    // Act: a polyclinic visit of the same diagnosis three days ago
    const visit = polyclinicCase(person, { DoctorSnils: fx.doctorSnils, Visits: 2 });
    const [cased] = await mo.SendPolyclinicCasesAsync({ Header: header(fx.mo), PolyclinicCase: visit });

    // Assess: the СМО reads the case, and the ДН record again, no longer overdue
    expect(cased.Protocol).toMatchObject({ Status: 'accepted', Accepted: 1 });
    const cases = await drain(smo, 'GetPolyclinicCases', 'PolyclinicCase', casesBefore.cursor);
    expect(cases.items).toHaveLength(1);
    expect(cases.items[0]).toMatchObject({
      SourceId: visit.SourceId,
      Purpose: fx.purpose,
      Visits: 2,
      Source: 'direct',
      Patient: { PersonId: person.id },
    });
    expect(day(cases.items[0].DateTo)).toBe(visit.DateTo);
    const closed = await drain(smo, 'GetDispensary', 'Dispensary', read.cursor);
    expect(closed.items.map((d: Any) => d.SourceId)).toEqual([record.SourceId]);
    expect(day(closed.items[0].LastVisit)).toBe(visit.DateTo);
    expect(closed.items[0].OverdueFrom).toBeUndefined();
    expect((await drain(mo2, 'GetDispensary', 'Dispensary', mo2Before.cursor)).items).toEqual([]);
  });

  it('takes the МО’s plan volumes', async () => {
    // Arrange
    const mo = await client('soap_mo');
    const volume = { SourceId: 'volume-1', Year: fx.year, Month: fx.month, Kind: 'PMO', Quantity: 120 };

    // Act
    const [sent] = await mo.SendPlanVolumesAsync({ Header: header(fx.mo), PlanVolume: volume });

    // Assess
    expect(sent.Protocol).toMatchObject({ Status: 'accepted', Accepted: 1 });
    const stored = await t.db.sql`
      select year, month, kind, quantity from prevention.plan_volume
      where sender_code = ${fx.mo} and source_id = 'volume-1'`;
    expect(stored).toEqual([{ year: fx.year, month: fx.month, kind: 'PMO', quantity: 120 }]);
  });
});

interface BadRecord {
  name: string;
  operation: string;
  element: string;
  table: Table;
  record: () => Record<string, unknown>;
  code: string;
  rule: string;
}

/** Each bad record the FLK must reject alone, with its F012 code and rule (PREV.*, ID.*, FORMAT, SOAP.XML.TAG). */
function badRecords(): BadRecord[] {
  // dvn[5] is planned and has finished stage 1 (the catalogue's arrangement); dvn[6] is attached and unplanned.
  const finishedStage1 = fx.dvn[5]!;
  const person = fx.dvn[6]!;
  const bad = (
    name: string,
    operation: string,
    element: string,
    table: Table,
    record: () => Record<string, unknown>,
    code: string,
    rule: string,
  ): BadRecord => ({ name, operation, element, table, record, code, rule });
  const schedule = (name: string, over: Record<string, unknown>, code: string, rule: string) =>
    bad(name, 'SendSchedule', 'ScheduleSlot', 'schedule_slot', () => slot(over), code, rule);
  const plan = (name: string, record: () => Record<string, unknown>, code: string, rule: string) =>
    bad(name, 'SendPlanList', 'PlanEntry', 'plan_entry', record, code, rule);
  const steps = (name: string, record: () => Record<string, unknown>, code: string, rule: string) =>
    bad(name, 'SendSteps', 'Step', 'step', record, code, rule);
  const dn = (name: string, over: Record<string, unknown>, code: string, rule: string) =>
    bad(name, 'SendDispensary', 'Dispensary', 'dispensary', () => dispensary(person, over), code, rule);
  const visit = (name: string, over: Record<string, unknown>, code: string, rule: string) =>
    bad(
      name,
      'SendPolyclinicCases',
      'PolyclinicCase',
      'polyclinic_case',
      () => polyclinicCase(person, over),
      code,
      rule,
    );
  const enp = person.enp;
  const wrongCheckDigit = `${enp.slice(0, 15)}${(Number(enp[15]) + 1) % 10}`;
  return [
    schedule('an impossible date 2026-02-31', { Date: '2026-02-31' }, '903', 'FORMAT'),
    schedule('a blank SourceId', { SourceId: '   ' }, '902', 'FORMAT'),
    schedule('a capacity of 2147483648', { Capacity: '2147483648' }, '904', 'FORMAT'),
    schedule('a kind outside PMO/DVN/UDVN/DN', { Kind: 'ДВ4' }, '904', 'FORMAT'),
    schedule('method 4', { Method: 4 }, '904', 'FORMAT'),
    schedule('a slot from 14:00 to 10:00', { TimeFrom: '14:00', TimeTo: '10:00' }, '904', 'PREV.SLOT.TIME'),
    schedule('a mobile team without an address', { Method: 2 }, '902', 'PREV.SLOT.ADDRESS'),
    schedule('a new slot dated yesterday', { Date: inDays(-1) }, '904', 'PREV.SLOT.PAST'),
    schedule('a slot of another МО', { MoCode: fx.mo2 }, '904', 'PREV.SENDER'),
    schedule('an unknown department', { DepartmentCode: 'НЕТ-ТАКОГО' }, '904', 'PREV.DEPARTMENT'),
    schedule('an element the WSDL does not know', { IsAdmin: 'true' }, '904', 'SOAP.XML.TAG'),
    bad(
      'a phone of three digits',
      'SendContacts',
      'Contact',
      'contact',
      () => ({ SourceId: `phone-${randomUUID()}`, MoCode: fx.mo, Phone: '112' }),
      '904',
      'FORMAT',
    ),
    plan('month 13', () => planEntry(person, { Month: [13] }), '904', 'FORMAT'),
    plan('a month twice', () => planEntry(person, { Month: [4, 4] }), '904', 'PREV.MONTH'),
    plan(
      'thirteen months',
      () => planEntry(person, { Month: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 1] }),
      '904',
      'SOAP.XML.TAG',
    ),
    plan('a year of 2147483648', () => planEntry(person, { Year: '2147483648' }), '904', 'FORMAT'),
    plan('a year too far ahead', () => planEntry(person, { Year: fx.year + 3 }), '904', 'PREV.YEAR'),
    plan(
      'an ЕНП the register does not know',
      () => planEntry(person, { Patient: { Enp: '1234567890123452' } }),
      '904',
      'ID.NOT_FOUND',
    ),
    plan(
      'an ЕНП with a wrong check digit',
      () => planEntry(person, { Patient: { Enp: wrongCheckDigit } }),
      '904',
      'ID.ENP.CONTROL',
    ),
    plan('a person attached to another МО', () => planEntry(fx.elsewhere), '904', 'PREV.PERSON.NOT_ATTACHED'),
    plan('ДВН in a year of ПМО', () => planEntry(fx.pmo), '904', 'PREV.AGE.DVN'),
    plan('ПМО in a year of ДВН', () => planEntry(person, { Kind: 'PMO' }), '904', 'PREV.AGE.PMO'),
    plan('an unknown district', () => planEntry(person, { DistrictCode: 'НЕТ' }), '904', 'PREV.DISTRICT'),
    steps(
      'a step back: started after finishing stage 1',
      () => step(finishedStage1, 102),
      '904',
      'PREV.STEP.ORDER',
    ),
    steps('a step dated tomorrow', () => step(person, 102, { Date: inDays(1) }), '904', 'PREV.STEP.FUTURE'),
    steps('a ПМО step of ДВН', () => step(person, 202), '904', 'PREV.STEP.CODE'),
    steps('step 12abc', () => step(person, 102, { Step: '12abc' }), '903', 'FORMAT'),
    dn(
      'a doctor’s СНИЛС with a wrong checksum',
      { DoctorSnils: '112-233-445 96' },
      '904',
      'PREV.DOCTOR.SNILS',
    ),
    dn('observation ending before it began', { DateOut: inDays(-300), ReasonOut: 1 }, '904', 'PREV.DN.DATES'),
    dn('an end without a reason', { DateOut: inDays(-5) }, '902', 'PREV.DN.REASON_OUT'),
    dn(
      'a visit window back to front',
      { Visit: { From: inDays(-10), To: inDays(-30) } },
      '904',
      'PREV.DN.VISITS',
    ),
    dn('a diagnosis not in МКБ-10', { Diagnosis: 'Z99.99' }, '904', 'PREV.DN.DIAGNOSIS'),
    dn('a specialty not in V021', { Specialty: 999_999 }, '904', 'PREV.DN.SPECIALTY'),
    visit('a case ending tomorrow', { DateTo: inDays(1) }, '904', 'PREV.CASE.DATES'),
    visit('a purpose not in V025', { Purpose: '9.9' }, '904', 'PREV.CASE.PURPOSE'),
    bad(
      'a plan volume for month 0',
      'SendPlanVolumes',
      'PlanVolume',
      'plan_volume',
      () => ({ SourceId: `volume-${randomUUID()}`, Year: fx.year, Month: 0, Kind: 'DVN', Quantity: 10 }),
      '904',
      'FORMAT',
    ),
  ];
}

describe('SOAP PreventionService: bad records', () => {
  it('rejects each bad record with its F012 code and rule in the protocol, storing nothing of it', async () => {
    // Arrange: one person planned who has finished stage 1 (so that an earlier step goes back)
    const mo = await client('soap_mo');
    const s = fx.dvn[5]!;
    const [planned] = await mo.SendPlanListAsync({ Header: header(fx.mo), PlanEntry: planEntry(s) });
    const [stepped] = await mo.SendStepsAsync({ Header: header(fx.mo), Step: step(s, 103) });
    expect([planned.Protocol.Status, stepped.Protocol.Status]).toEqual(['accepted', 'accepted']);
    const cases = badRecords();
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    expect(cases.length).toBeGreaterThanOrEqual(20);

    for (const c of cases) {
      // Act
      const before = await rows(c.table);
      const record = c.record();
      const packageId = `bad-${randomUUID()}`;
      const [answer] = await mo[`${c.operation}Async`]({
        Header: header(fx.mo, packageId),
        [c.element]: record,
      });

      // Assess: the package is answered (no Fault), the record rejected with its code and a Russian message
      expect({ case: c.name, status: answer.Protocol.Status, rejected: answer.Protocol.Rejected }).toEqual({
        case: c.name,
        status: 'rejected',
        rejected: 1,
      });
      const [result] = list<Any>(answer.Protocol.Record);
      expect(result.Id, c.name).toBeUndefined();
      const errors = list<Any>(result.Error);
      expect(
        errors.map((e) => [e.Code, e.Rule]),
        c.name,
      ).toContainEqual([c.code, c.rule]);
      expect(
        errors.every((e) => /[А-Яа-яЁё]{2,}/.test(e.Message)),
        c.name,
      ).toBe(true);

      // Assess: nothing of it stored; the package and its protocol are in the journal
      expect({ case: c.name, rows: await rows(c.table) }).toEqual({ case: c.name, rows: before });
      if (typeof record.SourceId === 'string' && record.SourceId.trim()) {
        expect(await storedUnder(c.table, record.SourceId), c.name).toBe(0);
      }
      const [journal] = await t.db.sql<{ status: string; rejected: number }[]>`
        select status, rejected from prevention.package where sender_code = ${fx.mo} and package_id = ${packageId}`;
      expect(journal, c.name).toEqual({ status: 'rejected', rejected: 1 });
    }
  });

  it('keeps the good records of a package and rejects only the bad one', async () => {
    // Arrange
    const mo = await client('soap_mo');
    const good = slot();
    const badSlot = slot({ TimeFrom: '12:00', TimeTo: '12:00' });

    // Act
    const [answer] = await mo.SendScheduleAsync({ Header: header(fx.mo), ScheduleSlot: [good, badSlot] });

    // Assess
    expect(answer.Protocol).toMatchObject({
      Status: 'partially_accepted',
      Total: 2,
      Accepted: 1,
      Rejected: 1,
    });
    expect(list<Any>(answer.Protocol.Record).map((r) => [r.Ordinal, r.SourceId, r.Status])).toEqual([
      [1, good.SourceId, 'accepted'],
      [2, badSlot.SourceId, 'rejected'],
    ]);
    expect([
      await storedUnder('schedule_slot', good.SourceId),
      await storedUnder('schedule_slot', badSlot.SourceId),
    ]).toEqual([1, 0]);
  });
});

describe('SOAP PreventionService: refused requests', () => {
  it('refuses a package sent as another organisation, or of a kind the account may not send, storing nothing', async () => {
    // Arrange
    const mo = await client('soap_mo');
    const smo = await client('soap_smo');
    const entry = planEntry(fx.dvn[6]!);
    const before = await rows('plan_entry');

    // Act
    const unknown = header('999999');
    const asUnknown = await fault(mo.SendPlanListAsync({ Header: unknown, PlanEntry: entry }));
    const asOther = header(fx.mo2);
    const asSecond = await fault(mo.SendPlanListAsync({ Header: asOther, PlanEntry: entry }));
    const bySmo = header(fx.smo);
    const smoPlan = await fault(smo.SendPlanListAsync({ Header: bySmo, PlanEntry: entry }));

    // Assess
    for (const answer of [asUnknown, asSecond, smoPlan]) {
      expect(answer.status).toBe(400);
      expect(answer.text).toContain('AUTH-403');
    }
    expect(asUnknown.text).toContain('999999');
    expect(smoPlan.text).toContain('не разрешено');
    expect(await rows('plan_entry')).toBe(before);
    for (const h of [unknown, asOther, bySmo]) expect(await packagesNamed(h.PackageId)).toBe(0);
  });

  it('refuses a blank package id and a wrong password, storing nothing', async () => {
    // Arrange
    const mo = await client('soap_mo');
    const before = await rows('schedule_slot');
    const intruder = await client('soap_mo');
    intruder.setSecurity(
      new soap.WSSecurity('soap_mo', 'wrong', { passwordType: 'PasswordText', hasTimeStamp: false }),
    );

    // Act
    const blank = await fault(
      mo.SendScheduleAsync({ Header: { ...header(fx.mo), PackageId: '  ' }, ScheduleSlot: slot() }),
    );
    const denied = await fault(intruder.SendScheduleAsync({ Header: header(fx.mo), ScheduleSlot: slot() }));

    // Assess
    expect(blank.status).toBe(400);
    expect(blank.text).toContain('Не указан идентификатор пакета');
    expect(blank.text).toMatch(/"code":"90[24]"/);
    expect(denied.status).toBe(400);
    expect(denied.text).toContain('AUTH-401');
    expect(await rows('schedule_slot')).toBe(before);
  });

  it('refuses a SOAPAction naming another operation than the body', async () => {
    // Arrange
    const record = slot();
    const body = envelope(
      'SendScheduleRequest',
      `${xmlOf('Header', header(fx.mo))}${xmlOf('ScheduleSlot', record)}`,
    );

    // Act
    const res = await post(body, { soapaction: `"${ns}#SendSteps"` });
    const text = await res.text();

    // Assess
    expect(res.status).toBe(400);
    expect(text).toContain('SOAP-ACTION');
    expect(text).toContain('SendSteps');
    expect(await storedUnder('schedule_slot', record.SourceId)).toBe(0);
  });

  it('reads a windows-1251 request as declared, and refuses those bytes declared as UTF-8', async () => {
    // Arrange: a contact phone with a Cyrillic comment, encoded as windows-1251
    const record = {
      SourceId: `phone-${randomUUID()}`,
      MoCode: fx.mo,
      Phone: '+7 (800) 200-30-40',
      Comment: 'Регистратура, вечерний приём',
    };
    const text = envelope(
      'SendContactsRequest',
      `${xmlOf('Header', header(fx.mo))}${xmlOf('Contact', record)}`,
    );
    const bytes = cp1251(text.replace('encoding="utf-8"', 'encoding="windows-1251"'));

    // Act
    const misdeclared = await post(bytes, { 'content-type': 'text/xml; charset=utf-8' });
    const misText = await misdeclared.text();
    const declared = await post(bytes, { 'content-type': 'text/xml; charset=windows-1251' });
    const answer = await declared.text();

    // Assess: refused as broken UTF-8 first (nothing stored), then taken with its Cyrillic intact
    expect(misdeclared.status).toBe(400);
    expect(misText).toContain('SOAP-415');
    expect(declared.status).toBe(200);
    expect(answer).toContain('<Status>accepted</Status>');
    const stored = await t.db.sql`
      select comment from prevention.contact where sender_code = ${fx.mo} and source_id = ${record.SourceId}`;
    expect(stored).toEqual([{ comment: record.Comment }]);
  });

  it('refuses read parameters out of their bounds with a Fault naming the element', async () => {
    // Arrange
    const mo = await client('soap_mo');
    const calls: [name: string, call: () => Promise<unknown>, element: string][] = [
      ['month 13 of the due list', () => mo.GetDueListAsync({ Month: `${fx.year}-13` }), 'Month'],
      ['an unknown kind of the funnel', () => mo.GetFunnelAsync({ Year: fx.year, Kind: 'ДВ4' }), 'Kind'],
      ['a funnel year of 2147483648', () => mo.GetFunnelAsync({ Year: '2147483648', Kind: 'DVN' }), 'Year'],
      [
        'a page size of 100000',
        () => mo.GetDueListAsync({ Month: `${fx.year}-01`, PageSize: 100_000 }),
        'PageSize',
      ],
      ['a limit of 5000', () => mo.GetPlanListAsync({ Limit: 5000 }), 'Limit'],
      ['a cursor that is not ours', () => mo.GetSchedulesAsync({ ChangedSince: 'abc' }), 'cursor'],
    ];

    for (const [name, call, element] of calls) {
      // Act
      const answer = await fault(call());

      // Assess
      expect({ name, status: answer.status }).toEqual({ name, status: 400 });
      expect(answer.text, name).toMatch(/"code":"90[234]"/);
      expect(answer.text, name).toContain(element);
    }
  });
});
