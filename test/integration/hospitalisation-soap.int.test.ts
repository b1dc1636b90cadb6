import * as soap from 'soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime';

/**
 * SOAP HospitalizationService (issue 4) through clients generated from its WSDL by node-soap, against the whole
 * local runtime: the referral → admission → discharge story, the cancel and emergency paths, free beds, the
 * СМО's event feed, and bad input answered by a Fault (whole request) or per-record FLK errors — never a 5xx.
 */
let t: TestRuntime;

// biome-ignore lint/suspicious/noExplicitAny: node-soap answers untyped objects
type Any = any;

interface Fixture {
  today: string;
  daysAgo: (n: number) => string;
  moCode: string;
  hospCode: string;
  smoCode: string;
  department: { code: string; profile: number; conditions: number; bedProfile: number; beds: number };
  doctorSnils: string;
  diagnosis: string;
  persons: { id: string; enp: string }[];
}
let fx: Fixture;

const url = () => `${t.runtime.url}/soap/HospitalizationService`;

async function client(username: string): Promise<Any> {
  const c = await soap.createClientAsync(`${url()}?wsdl`);
  c.setEndpoint(url());
  c.setSecurity(
    new soap.WSSecurity(username, username, { passwordType: 'PasswordText', hasTimeStamp: false }),
  );
  return c;
}

/** node-soap gives one object for one occurrence and an array for several. */
function list<T>(value: T | T[] | undefined): T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** node-soap parses xs:date into a Date at UTC midnight. */
const day = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value));

const header = (packageId: string, senderCode: string) => ({
  PackageId: packageId,
  SenderCode: senderCode,
  CreatedAt: new Date().toISOString(),
});

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

/** A SOAP Fault as node-soap's client rejects it: HTTP status and the whole answer as text. */
async function fault(call: Promise<unknown>): Promise<{ status: number; text: string }> {
  const error = (await call.then(
    () => null,
    (e: unknown) => e,
  )) as Any;
  if (!error) throw new Error('expected a SOAP Fault');
  return { status: error.response?.status, text: JSON.stringify(error.root ?? error.body ?? '') };
}

function referral(n: number, personEnp: string, overrides: object = {}) {
  return {
    SourceId: `soap-ref-${n}`,
    Number: `SOAPT${String(n).padStart(6, '0')}`,
    Date: fx.daysAgo(3),
    Form: 3,
    FromMoCode: fx.moCode,
    ToMoCode: fx.hospCode,
    ToDepartmentCode: fx.department.code,
    Conditions: fx.department.conditions,
    Profile: fx.department.profile,
    BedProfile: fx.department.bedProfile,
    Diagnosis: fx.diagnosis,
    DoctorSnils: fx.doctorSnils,
    PlannedDate: fx.daysAgo(1),
    Kind: 'plain',
    Patient: { Enp: personEnp },
    ...overrides,
  };
}

function admission(sourceId: string, personEnp: string, date: string, overrides: object = {}) {
  return {
    SourceId: sourceId,
    Form: 3,
    MoCode: fx.hospCode,
    DepartmentCode: fx.department.code,
    Conditions: fx.department.conditions,
    Profile: fx.department.profile,
    BedProfile: fx.department.bedProfile,
    Date: date,
    Time: '10:30',
    CaseNumber: `ИБ-${sourceId}`,
    Diagnosis: fx.diagnosis,
    Patient: { Enp: personEnp },
    ...overrides,
  };
}

async function storedReferrals(numbers: string[]) {
  return t.db.sql<{ number: string; status: string }[]>`
    select number, status from hosp.referral where number = any(${numbers}) order by number`;
}

beforeAll(async () => {
  t = await startTestRuntime();
  const sql = t.db.sql;
  const [{ today }] = (await sql`
    select (now() at time zone 'Europe/Moscow')::date::text as today`) as unknown as [{ today: string }];
  const org = async (username: string) =>
    ((await sql`select org_code from auth.account where username = ${username}`)[0] as { org_code: string })
      .org_code;
  const moCode = await org('soap_mo');
  const hospCode = await org('soap_hosp');
  const smoCode = await org('soap_smo');
  const valid = (directory: string, code: unknown) => sql`
    exists (select 1 from nsi.record n where n.directory_code = ${directory} and n.code = ${code as string}
              and n.date_beg <= current_date - 5 and (n.date_end is null or n.date_end >= current_date))`;
  // An inpatient department of the hospital with beds of a bed profile that belongs to its profile of care.
  const [department] = await sql<Fixture['department'][]>`
    select d.code, d.profile_v002 as profile, d.conditions_v006::int as conditions,
           b.bed_profile_v020 as "bedProfile", b.beds
    from org.department d join org.department_bed b on b.department_id = d.id
    where d.mo_code = ${hospCode} and d.kind = 'inpatient' and b.beds >= 10
      and (not exists (select 1 from hosp.bed_profile_rule r where r.bed_profile_v020 = b.bed_profile_v020)
           or exists (select 1 from hosp.bed_profile_rule r
                      where r.bed_profile_v020 = b.bed_profile_v020 and r.profile_v002 = d.profile_v002))
      and ${valid('V002', sql`d.profile_v002::text`)}
      and ${valid('V020', sql`b.bed_profile_v020::text`)}
      and ${valid('V006', sql`d.conditions_v006::text`)}
    order by d.code, b.bed_profile_v020 limit 1`;
  const [doctor] = await sql<{ snils: string }[]>`
    select snils from org.doctor where mo_code = ${moCode} order by snils limit 1`;
  const [mkb] = await sql<{ code: string }[]>`
    select code from nsi.record where directory_code = 'MKB10' and code ~ '^[A-Z][0-9]{2}\\.[0-9]$'
      and date_beg <= current_date - 5 and (date_end is null or date_end >= current_date)
    order by (code = 'I20.8') desc, code limit 1`;
  const persons = await sql<{ id: string; enp: string }[]>`
    select p.id::text, p.enp from person.person p
    where exists (select 1 from person.attachment a where a.person_id = p.id and a.mo_code = ${moCode}
                    and a.date_beg <= current_date - 5 and a.date_end is null)
      and exists (select 1 from person.policy po where po.person_id = p.id and po.smo_code = ${smoCode}
                    and po.date_beg <= current_date - 5 and po.date_end is null)
      and (select count(*) from person.policy po where po.person_id = p.id and po.date_end is null) = 1
    order by p.id limit 4`;
  if (!department || !doctor || !mkb || persons.length < 4) {
    throw new Error('the demo region lacks a hospital department, a doctor, an МКБ-10 code or persons');
  }
  const daysAgo = (n: number) => {
    const d = new Date(`${today}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - n);
    return d.toISOString().slice(0, 10);
  };
  fx = {
    today,
    daysAgo,
    moCode,
    hospCode,
    smoCode,
    department,
    doctorSnils: doctor.snils,
    diagnosis: mkb.code,
    persons,
  };
});
afterAll(async () => {
  await t?.stop();
});

describe('SOAP HospitalizationService', () => {
  it('runs a referral through admission and discharge, seen by the hospital, the referring МО and the СМО', async () => {
    // Prepare: each receiver reads its feeds to the end first, so the story below is what arrives after
    const mo = await client('soap_mo');
    const hosp = await client('soap_hosp');
    const smo = await client('soap_smo');
    const hospReferrals = await drain(hosp, 'GetReferrals', 'Referral');
    const moAdmissions = await drain(mo, 'GetAdmissions', 'Admission');
    const smoEvents = await drain(smo, 'GetInsuredEvents', 'Event');
    const person = fx.persons[0]!;
    const ref = referral(1, person.enp);

    // Act: the polyclinic sends the referral
    const [sent] = await mo.SendReferralsAsync({ Header: header('pkg-ref-1', fx.moCode), Referral: [ref] });

    // Assess: accepted with our id
    expect(sent.Protocol).toMatchObject({
      PackageId: 'pkg-ref-1',
      Status: 'accepted',
      Total: 1,
      Accepted: 1,
    });
    const [record] = list<Any>(sent.Protocol.Record);
    expect(record).toMatchObject({ Ordinal: 1, SourceId: ref.SourceId, Status: 'accepted' });
    expect(record.Id).toMatch(/\S/);

    // Act + Assess: the hospital finds exactly this referral addressed to it since its last read
    const incoming = await drain(hosp, 'GetReferrals', 'Referral', hospReferrals.cursor);
    expect(incoming.items.map((r: Any) => r.Number)).toEqual([ref.Number]);
    const seen = incoming.items[0];
    expect(seen).toMatchObject({
      Id: record.Id,
      SourceId: ref.SourceId,
      SenderCode: fx.moCode,
      FromMoCode: fx.moCode,
      ToMoCode: fx.hospCode,
      Status: 'issued',
      Kind: 'plain',
      Patient: { PersonId: person.id, Enp: person.enp },
      SmoCode: fx.smoCode,
    });
    expect(day(seen.Date)).toBe(ref.Date);
    expect(day(seen.PlannedDate)).toBe(ref.PlannedDate);

    // Act: the hospital admits by the referral, then discharges
    const [admitted] = await hosp.SendPlannedAdmissionsAsync({
      Header: header('pkg-adm-1', fx.hospCode),
      Admission: [
        admission('stay-1', person.enp, fx.daysAgo(1), {
          ReferralNumber: ref.Number,
          ReferralDate: ref.Date,
        }),
      ],
    });
    const [moved] = await hosp.SendMovementsAsync({
      Header: header('pkg-mov-1', fx.hospCode),
      Movement: {
        SourceId: 'mov-1',
        AdmissionSourceId: 'stay-1',
        DepartmentCode: fx.department.code,
        Profile: fx.department.profile,
        BedProfile: fx.department.bedProfile,
        Date: fx.today,
      },
    });
    const [discharged] = await hosp.SendDischargesAsync({
      Header: header('pkg-dis-1', fx.hospCode),
      Discharge: [{ SourceId: 'dis-1', AdmissionSourceId: 'stay-1', Date: fx.today, Outcome: 1 }],
    });

    // Assess: all accepted
    expect(admitted.Protocol).toMatchObject({ Status: 'accepted', Accepted: 1, Rejected: 0 });
    expect(moved.Protocol).toMatchObject({ Status: 'accepted', Accepted: 1, Rejected: 0 });
    expect(discharged.Protocol).toMatchObject({ Status: 'accepted', Accepted: 1, Rejected: 0 });
    const stayId = list<Any>(admitted.Protocol.Record)[0].Id;

    // Assess: the referring МО sees the stay of its referral, matched and discharged
    const stays = await drain(mo, 'GetAdmissions', 'Admission', moAdmissions.cursor);
    const stay = stays.items.filter((a: Any) => a.Id === stayId).at(-1);
    expect(stay).toMatchObject({
      SourceId: 'stay-1',
      Kind: 'planned',
      ReferralId: record.Id,
      ReferralNumber: ref.Number,
      MatchStatus: 'matched',
      MoCode: fx.hospCode,
      DepartmentCode: fx.department.code,
      CaseNumber: 'ИБ-stay-1',
      Patient: { Enp: person.enp },
      ReferringMoCode: fx.moCode,
      Discharge: { Outcome: 1 },
      Movement: [{ DepartmentCode: fx.department.code, BedProfile: fx.department.bedProfile }],
    });
    expect(day(stay.Discharge.Date)).toBe(fx.today);
    const drained = await drain(mo, 'GetReferrals', 'Referral', '', { Sent: true });
    expect(drained.items.filter((r: Any) => r.Number === ref.Number).at(-1)).toMatchObject({
      Status: 'discharged',
      Admission: { Id: stayId, CaseNumber: 'ИБ-stay-1' },
    });

    // Assess: the СМО follows its insured person through the whole story, in order
    const events = await drain(smo, 'GetInsuredEvents', 'Event', smoEvents.cursor);
    const story = events.items.filter(
      (e: Any) =>
        (e.Entity === 'referral' && e.EntityId === record.Id) ||
        (e.Entity === 'stay' && e.EntityId === stayId),
    );
    expect(story.map((e: Any) => [e.Entity, e.Event])).toEqual([
      ['referral', 'created'],
      ['stay', 'admitted'],
      ['referral', 'admitted'],
      ['stay', 'moved'],
      ['stay', 'discharged'],
      ['referral', 'discharged'],
    ]);
    expect(story.every((e: Any) => e.Patient.Enp === person.enp)).toBe(true);
    expect(story.map((e: Any) => e.OrgCode)).toEqual([fx.moCode, ...Array(5).fill(fx.hospCode)]);

    // Assess: stored as sent
    expect(await storedReferrals([ref.Number])).toEqual([{ number: ref.Number, status: 'discharged' }]);
  });

  it('cancels a referral at the hospital with a reason, and the referring МО sees why', async () => {
    // Prepare
    const mo = await client('soap_mo');
    const hosp = await client('soap_hosp');
    const ref = referral(2, fx.persons[1]!.enp);
    const [sent] = await mo.SendReferralsAsync({ Header: header('pkg-ref-2', fx.moCode), Referral: ref });
    expect(sent.Protocol.Status).toBe('accepted');

    // Act
    const [cancelled] = await hosp.SendCancellationsAsync({
      Header: header('pkg-cancel-1', fx.hospCode),
      Cancellation: [
        {
          SourceId: 'cancel-1',
          ReferralNumber: ref.Number,
          ReferralDate: ref.Date,
          Reason: 7,
          Date: fx.today,
          Comment: 'Пациент не явился',
        },
      ],
    });

    // Assess: accepted; the referral is cancelled by the hospital (source 2) with reason 7
    expect(cancelled.Protocol).toMatchObject({ Status: 'accepted', Accepted: 1 });
    const { items } = await drain(mo, 'GetReferrals', 'Referral', '', { Sent: true });
    const seen = items.filter((r: Any) => r.Number === ref.Number).at(-1);
    expect(seen).toMatchObject({
      Status: 'cancelled',
      Cancellation: { Source: 2, OrgCode: fx.hospCode, Reason: 7, Comment: 'Пациент не явился' },
    });
    expect(seen.Cancellation.ReasonName).toMatch(/Неявка/);
    expect(await storedReferrals([ref.Number])).toEqual([{ number: ref.Number, status: 'cancelled' }]);
  });

  it('takes an emergency admission without a referral, seen by the person’s СМО', async () => {
    // Prepare
    const hosp = await client('soap_hosp');
    const smo = await client('soap_smo');
    const before = await drain(smo, 'GetAdmissions', 'Admission');
    const person = fx.persons[2]!;

    // Act
    const [answer] = await hosp.SendEmergencyAdmissionsAsync({
      Header: header('pkg-emg-1', fx.hospCode),
      Admission: admission('emg-1', person.enp, fx.today, { Form: 1 }),
    });

    // Assess
    expect(answer.Protocol).toMatchObject({ Status: 'accepted', Accepted: 1 });
    const { items } = await drain(smo, 'GetAdmissions', 'Admission', before.cursor);
    expect(items.find((a: Any) => a.SourceId === 'emg-1')).toMatchObject({
      Kind: 'emergency',
      MatchStatus: 'none',
      MoCode: fx.hospCode,
      Form: 1,
      Patient: { PersonId: person.id },
      SmoCode: fx.smoCode,
    });
    const [stored] = await t.db.sql`
      select kind, referral_id from hosp.stay where sender_code = ${fx.hospCode} and source_id = 'emg-1'`;
    expect(stored).toEqual({ kind: 'emergency', referral_id: null });
  });

  it('publishes the hospital’s free beds, read by a polyclinic', async () => {
    // Prepare
    const hosp = await client('soap_hosp');
    const mo = await client('soap_mo');
    const before = await drain(mo, 'GetFreeBeds', 'FreeBeds');
    const beds = fx.department.beds;

    // Act
    const [answer] = await hosp.SendFreeBedsAsync({
      Header: header('pkg-beds-1', fx.hospCode),
      FreeBeds: {
        SourceId: 'beds-1',
        Date: fx.today,
        MoCode: fx.hospCode,
        DepartmentCode: fx.department.code,
        Conditions: fx.department.conditions,
        BedProfile: fx.department.bedProfile,
        Profile: fx.department.profile,
        OccupiedAtStart: beds - 4,
        Admitted: 1,
        Discharged: 1,
        PlannedToday: 0,
        FreeTotal: 4,
        FreeMale: 2,
        FreeFemale: 2,
        FreeAdult: 4,
        FreeChild: 0,
        Forecast: [
          { Date: fx.daysAgo(-1), Free: 3 },
          { Date: fx.daysAgo(-2), Free: 5 },
        ],
      },
    });

    // Assess
    expect(answer.Protocol).toMatchObject({ Status: 'accepted', Accepted: 1 });
    const { items } = await drain(mo, 'GetFreeBeds', 'FreeBeds', before.cursor);
    const row = items.find(
      (f: Any) =>
        f.MoCode === fx.hospCode && f.DepartmentCode === fx.department.code && day(f.Date) === fx.today,
    );
    expect(row).toMatchObject({ BedProfile: fx.department.bedProfile, FreeTotal: 4, FreeMale: 2 });
    expect(list<Any>(row.Forecast).map((f) => [day(f.Date), f.Free])).toEqual([
      [fx.daysAgo(-1), 3],
      [fx.daysAgo(-2), 5],
    ]);
  });

  it('takes the hospital’s plan lines, rejecting a line for an unknown СМО', async () => {
    // Prepare
    const hosp = await client('soap_hosp');
    const [year, month] = fx.today.split('-').map(Number) as [number, number];
    const line = (sourceId: string, smoCode: string) => ({
      SourceId: sourceId,
      Year: year,
      Month: month,
      MoCode: fx.hospCode,
      Profile: fx.department.profile,
      Conditions: fx.department.conditions,
      SmoCode: smoCode,
      Planned: 40,
    });

    // Act
    const [answer] = await hosp.SendHospitalisationPlanAsync({
      Header: header('pkg-plan-1', fx.hospCode),
      PlanLine: [line('plan-1', fx.smoCode), line('plan-2', '99999')],
    });

    // Assess
    expect(answer.Protocol).toMatchObject({ Status: 'partially_accepted', Accepted: 1, Rejected: 1 });
    const rejected = list<Any>(answer.Protocol.Record)[1];
    expect(list<Any>(rejected.Error)).toContainEqual(
      expect.objectContaining({ Code: '904', Rule: 'HOSP.PLAN.SMO', Value: '99999' }),
    );
    const stored = await t.db.sql`
      select smo_code, planned from hosp.plan where mo_code = ${fx.hospCode} and year = ${year} and month = ${month}
        and profile_v002 = ${fx.department.profile}`;
    expect(stored).toEqual([{ smo_code: fx.smoCode, planned: 40 }]);
  });

  it('answers per-record FLK errors in the protocol and stores nothing of the rejected records', async () => {
    // Prepare: one valid referral, one with an unknown V020 bed profile, one with a wrong ЕНП check digit, one
    // with an unreadable date
    const mo = await client('soap_mo');
    const good = referral(10, fx.persons[3]!.enp);
    const badBed = referral(11, fx.persons[3]!.enp, { BedProfile: 9999 });
    const enp = fx.persons[3]!.enp;
    const badEnp = referral(12, `${enp.slice(0, 15)}${(Number(enp[15]) + 1) % 10}`);
    const badDate = referral(13, fx.persons[3]!.enp, { PlannedDate: '2024-13-45' });

    // Act
    const [answer] = await mo.SendReferralsAsync({
      Header: header('pkg-flk-1', fx.moCode),
      Referral: [good, badBed, badEnp, badDate],
    });

    // Assess: partially accepted, each bad record rejected with its code and Russian message
    expect(answer.Protocol).toMatchObject({
      Status: 'partially_accepted',
      Total: 4,
      Accepted: 1,
      Rejected: 3,
    });
    const records = list<Any>(answer.Protocol.Record);
    expect(records.map((r) => [r.Ordinal, r.SourceId, r.Status])).toEqual([
      [1, good.SourceId, 'accepted'],
      [2, badBed.SourceId, 'rejected'],
      [3, badEnp.SourceId, 'rejected'],
      [4, badDate.SourceId, 'rejected'],
    ]);
    const errors = (i: number) => list<Any>(records[i].Error);
    expect(errors(1)).toContainEqual(
      expect.objectContaining({ Code: '904', Rule: 'HOSP.NSI.V020', Value: '9999', Severity: 'error' }),
    );
    expect(errors(1).find((e) => e.Rule === 'HOSP.NSI.V020').Message).toMatch(/V020/);
    expect(errors(2)).toContainEqual(expect.objectContaining({ Code: '904', Rule: 'ID.ENP.CONTROL' }));
    expect(errors(2).find((e) => e.Rule === 'ID.ENP.CONTROL').Message).toMatch(/ЕНП/);
    expect(errors(3).length).toBeGreaterThan(0);
    expect(errors(3).every((e) => /[А-Яа-я]/.test(e.Message))).toBe(true);
    expect(records[1].Id).toBeUndefined();
    expect(await storedReferrals([good.Number, badBed.Number, badEnp.Number, badDate.Number])).toEqual([
      { number: good.Number, status: 'issued' },
    ]);

    // Act + Assess: the same package again is recognised and changes nothing
    const [again] = await mo.SendReferralsAsync({
      Header: header('pkg-flk-1', fx.moCode),
      Referral: [good, badBed, badEnp, badDate],
    });
    expect(again.Protocol).toMatchObject({ PackageId: 'pkg-flk-1', Status: 'duplicate' });
    expect(await storedReferrals([good.Number, badBed.Number])).toHaveLength(1);
    const packages = await t.db.sql`
      select 1 from hosp.package where sender_code = ${fx.moCode} and package_id = 'pkg-flk-1'`;
    expect(packages).toHaveLength(1);
  });

  it('refuses a package sent for another organisation with Fault AUTH-403, storing nothing', async () => {
    // Prepare: the hospital's system pretends to be the polyclinic
    const hosp = await client('soap_hosp');
    const ref = referral(20, fx.persons[0]!.enp);

    // Act
    const answer = await fault(
      hosp.SendReferralsAsync({ Header: header('pkg-other-1', fx.moCode), Referral: ref }),
    );

    // Assess
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('AUTH-403');
    expect(await storedReferrals([ref.Number])).toEqual([]);
    expect(await t.db.sql`select 1 from hosp.package where package_id = 'pkg-other-1'`).toHaveLength(0);

    // Act + Assess: an МО asking for the СМО's event feed is refused as well
    const events = await fault((await client('soap_mo')).GetInsuredEventsAsync({ Limit: 10 }));
    expect(events.status).toBe(400);
    expect(events.text).toContain('AUTH-403');
  });

  it('answers malformed XML, an unknown operation and a missing sign-in with client Faults, never a 5xx', async () => {
    // Prepare
    const basic = `Basic ${Buffer.from('soap_mo:soap_mo').toString('base64')}`;
    const post = (body: string, authorization?: string) =>
      fetch(url(), {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8', ...(authorization ? { authorization } : {}) },
        body,
      });
    const envelope = (inner: string) =>
      `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:h="urn:omslink:hospitalization:1"><soap:Body>${inner}</soap:Body></soap:Envelope>`;

    // Act
    const malformed = await post(
      envelope('<h:SendReferralsRequest><h:Header><h:PackageId>x</h:Header>'),
      basic,
    );
    const unknown = await post(envelope('<h:DeleteEverythingRequest/>'), basic);
    const anonymous = await post(envelope('<h:GetFreeBedsRequest/>'));
    const badLimit = await post(
      envelope('<h:GetFreeBedsRequest><h:Limit>5000</h:Limit></h:GetFreeBedsRequest>'),
      basic,
    );

    // Assess
    expect([malformed.status, unknown.status, anonymous.status, badLimit.status]).toEqual([
      400, 400, 400, 400,
    ]);
    expect(await malformed.text()).toContain('SOAP-XML');
    expect(await unknown.text()).toContain('SOAP-404');
    expect(await anonymous.text()).toContain('AUTH-401');
    expect(await badLimit.text()).toMatch(/Limit/);
  });
});
