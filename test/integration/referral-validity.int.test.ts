import * as soap from 'soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, signInToken, startTestRuntime, type TestRuntime } from '../helpers/runtime';

/**
 * Issue 11, item 5: a referral's planned date outside its validity is an FLK error on every channel (the same
 * package processor serves SOAP, REST and T-files), and one answer names every mistake of a record — the
 * format, the dates and the identifiers together, not one layer per attempt.
 */
let t: TestRuntime;
// biome-ignore lint/suspicious/noExplicitAny: node-soap answers untyped objects
type Any = any;

interface Fixture {
  daysAgo: (n: number) => string;
  moCode: string;
  hospCode: string;
  department: { code: string; profile: number; conditions: number; bedProfile: number };
  doctorSnils: string;
  diagnosis: string;
  enp: string;
  validityDays: number;
}
let fx: Fixture;
let moToken: string;

const url = () => `${t.runtime.url}/soap/HospitalizationService`;
const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];

async function soapClient(username: string): Promise<Any> {
  const c = await soap.createClientAsync(`${url()}?wsdl`);
  c.setEndpoint(url());
  c.setSecurity(
    new soap.WSSecurity(username, username, { passwordType: 'PasswordText', hasTimeStamp: false }),
  );
  return c;
}

/** A valid referral as REST takes it, issued 10 days ago. */
function restReferral(n: number, overrides: object = {}) {
  return {
    sourceId: `validity-rest-${n}`,
    number: `VALR${String(n).padStart(6, '0')}`,
    date: fx.daysAgo(10),
    form: 3,
    fromMoCode: fx.moCode,
    toMoCode: fx.hospCode,
    toDepartmentCode: fx.department.code,
    conditions: fx.department.conditions,
    profile: fx.department.profile,
    bedProfile: fx.department.bedProfile,
    diagnosis: fx.diagnosis,
    doctorSnils: fx.doctorSnils,
    plannedDate: fx.daysAgo(1),
    kind: 'plain',
    patient: { enp: fx.enp },
    ...overrides,
  };
}

beforeAll(async () => {
  t = await startTestRuntime();
  const sql = t.db.sql;
  const org = async (username: string) =>
    (await sql<{ org_code: string }[]>`select org_code from auth.account where username = ${username}`)[0]!
      .org_code;
  const moCode = await org('test_mo');
  const hospCode = await org('soap_hosp');
  const valid = (directory: string, code: unknown) => sql`
    exists (select 1 from nsi.record n where n.directory_code = ${directory} and n.code = ${code as string}
              and n.date_beg <= current_date - 20 and (n.date_end is null or n.date_end >= current_date))`;
  const [department] = await sql<Fixture['department'][]>`
    select d.code, d.profile_v002 as profile, d.conditions_v006::int as conditions,
           b.bed_profile_v020 as "bedProfile"
    from org.department d join org.department_bed b on b.department_id = d.id
    where d.mo_code = ${hospCode} and d.kind = 'inpatient' and b.beds >= 1
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
    select code from nsi.record where directory_code = 'MKB10' and code = 'K80.2'
      and date_beg <= current_date - 20 and (date_end is null or date_end >= current_date)`;
  const [person] = await sql<{ enp: string }[]>`
    select p.enp from person.person p
    where exists (select 1 from person.attachment a where a.person_id = p.id and a.mo_code = ${moCode}
                    and a.date_beg <= current_date - 20 and a.date_end is null)
      and exists (select 1 from person.policy po where po.person_id = p.id
                    and po.date_beg <= current_date - 20 and po.date_end is null)
    order by p.id limit 1`;
  const [setting] = await sql<{ value: number }[]>`
    select value::int from hosp.setting where key = 'referral_validity_days'`;
  const [moscow] = await sql<{ today: string }[]>`
    select (now() at time zone 'Europe/Moscow')::date::text as today`;
  const today = moscow!.today;
  if (!department || !doctor || !mkb || !person || !setting) {
    throw new Error('the demo region lacks a department, a doctor, K80.2, a person or the validity setting');
  }
  const daysAgo = (n: number) => {
    const d = new Date(`${today}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - n);
    return d.toISOString().slice(0, 10);
  };
  fx = {
    daysAgo,
    moCode,
    hospCode,
    department,
    doctorSnils: doctor.snils,
    diagnosis: mkb.code,
    enp: person.enp,
    validityDays: setting.value,
  };
  moToken = await signInToken(t.runtime.url, 'test_mo');
});
afterAll(async () => {
  await t?.stop();
});

const stored = (numbers: string[]) =>
  t.db.sql<{ number: string }[]>`select number from hosp.referral where number = any(${numbers})`;

describe('a planned date outside the referral’s validity', () => {
  it('is refused over REST with its F012 code and a message naming the last valid day', async () => {
    // Prepare: issued 10 days ago; the last valid day is validity − 10 days ahead, the day after is too late
    const lastDay = fx.daysAgo(10 - fx.validityDays);
    const late = restReferral(1, { plannedDate: fx.daysAgo(9 - fx.validityDays) });
    const inTime = restReferral(2, { plannedDate: lastDay });

    // Act
    const refused = await callApi(t.runtime.url, '/api/v1/referrals', {
      method: 'POST',
      token: moToken,
      json: late,
    });
    const accepted = await callApi(t.runtime.url, '/api/v1/referrals', {
      method: 'POST',
      token: moToken,
      json: inTime,
    });

    // Assess
    expect(refused.status).toBe(400);
    expect(refused.type).toContain('application/problem+json');
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ code: '904', field: 'plannedDate', value: late.plannedDate }),
    ]);
    const [y, m, d] = lastDay.split('-');
    expect(refused.body.errors[0].message).toBe(
      `Плановая дата госпитализации позже окончания срока действия направления (${d}.${m}.${y})`,
    );
    expect(accepted.status).toBe(201);
    expect(await stored([late.number, inTime.number])).toEqual([{ number: inTime.number }]);
  });

  it('is refused over SOAP in the record’s protocol', async () => {
    // Prepare
    const c = await soapClient('soap_mo');
    const [account] = await t.db.sql<{ org_code: string }[]>`
      select org_code from auth.account where username = 'soap_mo'`;
    const soapMo = account!.org_code;
    const record = {
      SourceId: 'validity-soap-1',
      Number: 'VALS000001',
      Date: fx.daysAgo(10),
      Form: 3,
      FromMoCode: soapMo,
      ToMoCode: fx.hospCode,
      ToDepartmentCode: fx.department.code,
      Conditions: fx.department.conditions,
      Profile: fx.department.profile,
      BedProfile: fx.department.bedProfile,
      Diagnosis: fx.diagnosis,
      DoctorSnils: fx.doctorSnils,
      PlannedDate: fx.daysAgo(9 - fx.validityDays),
      Kind: 'plain',
      Patient: { Enp: fx.enp },
    };

    // Act
    const [answer] = await c.SendReferralsAsync({
      Header: { PackageId: 'validity-soap-1', SenderCode: soapMo, CreatedAt: new Date().toISOString() },
      Referral: [record],
    });

    // Assess
    expect(answer.Protocol).toMatchObject({ Status: 'rejected', Total: 1, Rejected: 1 });
    const [protocol] = list<Any>(answer.Protocol.Record);
    expect(list<Any>(protocol.Error)).toContainEqual(
      expect.objectContaining({ Rule: 'HOSP.REF.PLANNED_VALIDITY', Code: '904', Severity: 'error' }),
    );
    expect(await stored([record.Number])).toEqual([]);
  });
});

describe('every mistake of a referral in one answer', () => {
  it('names a format error, a missing field, a date out of order and a wrong СНИЛС together', async () => {
    // Prepare: text in a code field, no diagnosis, a planned date before the referral date, a bad СНИЛС
    const { diagnosis: _left, ...withoutDiagnosis } = restReferral(3, {
      profile: 'хирургия',
      plannedDate: fx.daysAgo(12),
      doctorSnils: '112-233-445 94',
    });

    // Act
    const answer = await callApi(t.runtime.url, '/api/v1/referrals', {
      method: 'POST',
      token: moToken,
      json: withoutDiagnosis,
    });

    // Assess: each mistake on its field, in one answer
    expect(answer.status).toBe(400);
    const byField = Object.fromEntries(
      (answer.body.errors as { field: string; code: string; message: string }[]).map((e) => [e.field, e]),
    );
    expect(byField.profile).toMatchObject({ code: '903', message: 'Ожидается целое число' });
    expect(byField.diagnosis).toMatchObject({ code: '902', message: 'Отсутствует обязательное поле' });
    expect(byField.plannedDate).toMatchObject({ code: '904', message: 'Нарушен порядок дат' });
    expect(byField.doctorSnils).toMatchObject({ code: '904', message: 'Неверный СНИЛС врача' });
    expect(Object.keys(byField)).toHaveLength(4);
  });
});
