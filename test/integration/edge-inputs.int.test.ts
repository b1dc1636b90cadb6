import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRegionStructure } from '../../shared/demo/region-structure';
import { erzRegionCodes, newErzPerson } from '../helpers/erz-persons';
import {
  type HospFixture,
  hospFixture,
  isoDaysAgo,
  referral,
  referralAsSoap,
  referralNumber,
} from '../helpers/hospitalisation-fixtures';
import { type ApiAnswer, callApi, signInToken, startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { xmlOf as toXml } from '../helpers/soap-xml';
import { testDemo } from './global-setup';

/**
 * Types at the edge (issue 9, «never a 5xx for a caller's mistake»), against the whole local runtime: impossible
 * dates that look like dates (`0000-00-00`, `2026-02-31`, `2026-13-45`, `9999-99-99`) and integers beyond their
 * columns (`2147483648`, `9007199254740991`, twenty digits) in REST bodies, REST queries and SOAP requests are
 * the caller's mistake — a 400 problem+json, a per-record FLK rejection or a `soap:Client` Fault with the F012
 * code, the field and a Russian message — never a 500, never stored, never silently rolled over (node-soap
 * used to turn `2026-02-31` into 2026-03-03). Query keys named like object members (`__proto__`,
 * `constructor`, `toString`) are ordinary parameters.
 *
 * New behaviour (each failed before the change): every impossible date and overflowing integer below answered
 * 500 (REST, SOAP `SendFreeBeds`/`GetDirectoryRecords`/`GetFreeBeds`) or was stored rolled over (SOAP
 * referrals, ЕРЗ birth dates, affiliation dates) or verbatim (a free-beds forecast); the `__proto__`,
 * `constructor` and `toString` keys answered 500 on every route.
 */
let t: TestRuntime;
let f: HospFixture;
const tokens = new Map<string, string>();

const impossibleDates = ['0000-00-00', '2026-02-31', '2026-13-45', '9999-99-99'];
const cyrillic = /[А-Яа-яЁё]/;

async function token(username: string): Promise<string> {
  let value = tokens.get(username);
  if (!value) {
    value = await signInToken(t.runtime.url, username);
    tokens.set(username, value);
  }
  return value;
}

async function api(username: string, path: string, init: RequestInit & { json?: unknown } = {}) {
  return callApi(t.runtime.url, path, { ...init, token: await token(username) });
}

/** A 400 problem+json whose FLK errors name `field` with `code` and a Russian message matching `message`. */
function expectProblem(answer: ApiAnswer, field: string, code: string, message: RegExp) {
  expect(answer.status, answer.text.slice(0, 400)).toBe(400);
  expect(answer.type).toContain('application/problem+json');
  const issue = (answer.body.errors as { field?: string }[]).find((e) => e.field === field);
  expect(issue, answer.text.slice(0, 400)).toMatchObject({ code });
  expect((issue as { message: string }).message).toMatch(message);
  expect((issue as { message: string }).message).toMatch(cyrillic);
}

const count = async (query: Promise<{ n: number }[]>) => (await query)[0]!.n;

// ─── SOAP over raw HTTP ──────────────────────────────────────────────────────────────────────────────────────

const ns = {
  hosp: 'urn:omslink:hospitalization:1',
  erz: 'urn:omslink:erz:1',
  nsi: 'urn:omslink:nsi:1',
} as const;

interface SoapAnswer {
  status: number;
  text: string;
  faultcode: string | null;
  /** The omslink code of a Fault (903, 904 …). */
  code: string | null;
  faultstring: string | null;
}

/** Text of the first element with this local name (any prefix). */
function elementText(xml: string, local: string): string | null {
  const m = new RegExp(`<(?:[\\w-]+:)?${local}(?:\\s[^>]*)?>([^<]*)</(?:[\\w-]+:)?${local}>`).exec(xml);
  return m ? m[1]! : null;
}

async function soapCall(
  service: 'HospitalizationService' | 'ErzService' | 'NsiService',
  operation: string,
  args: object,
  username: string,
): Promise<SoapAnswer> {
  const namespace =
    service === 'HospitalizationService' ? ns.hosp : service === 'ErzService' ? ns.erz : ns.nsi;
  const body =
    `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="${namespace}">` +
    `<soap:Body>${toXml(`${operation}Request`, args)}</soap:Body></soap:Envelope>`;
  const res = await fetch(`${t.runtime.url}/soap/${service}`, {
    method: 'POST',
    headers: {
      'content-type': 'text/xml; charset=utf-8',
      authorization: `Basic ${Buffer.from(`${username}:${username}`).toString('base64')}`,
    },
    body,
  });
  const text = await res.text();
  const isFault = /<(?:[\w-]+:)?Fault>/.test(text);
  return {
    status: res.status,
    text,
    faultcode: isFault ? elementText(text, 'faultcode') : null,
    code: isFault ? elementText(text, 'code') : null,
    faultstring: isFault ? elementText(text, 'faultstring') : null,
  };
}

/** The FLK errors of a SOAP protocol (`<Error><Code/><Rule/>…</Error>`), in document order. */
function soapErrors(xml: string) {
  const blocks = [...xml.matchAll(/<(?:[\w-]+:)?Error>([\s\S]*?)<\/(?:[\w-]+:)?Error>/g)].map((m) => m[1]!);
  return blocks.map((b) => ({
    code: elementText(b, 'Code'),
    field: elementText(b, 'Field'),
    value: elementText(b, 'Value'),
    message: elementText(b, 'Message') ?? '',
  }));
}

/** A `soap:Client` Fault (HTTP 400) with this FLK code and a Russian message matching `message`. */
function expectClientFault(answer: SoapAnswer, code: string, message: RegExp) {
  expect(answer.status, answer.text.slice(0, 400)).toBe(400);
  expect(answer.faultcode).toBe('soap:Client');
  expect(answer.code).toBe(code);
  expect(answer.faultstring ?? '').toMatch(message);
}

const soapHeader = (senderCode: string) => ({
  PackageId: `edge-${randomUUID()}`,
  SenderCode: senderCode,
  CreatedAt: new Date().toISOString(),
});

/** A free-beds report of the fixture's department in SOAP element order. */
function soapFreeBeds(over: Record<string, unknown> = {}) {
  return {
    SourceId: `edge-beds-${randomUUID()}`,
    Date: isoDaysAgo(0),
    MoCode: f.hospital,
    DepartmentCode: f.department.code,
    Conditions: f.department.conditions,
    BedProfile: f.department.bedProfile,
    Profile: f.department.profile,
    OccupiedAtStart: 3,
    Admitted: 1,
    Discharged: 1,
    PlannedToday: 0,
    FreeTotal: 2,
    FreeMale: 1,
    FreeFemale: 1,
    FreeAdult: 2,
    FreeChild: 0,
    Forecast: [{ Date: isoDaysAgo(-1), Free: 2 }],
    ...over,
  };
}

/** A referral of the fixture in SOAP element order. */
function soapReferral(over: Record<string, unknown> = {}) {
  const r = referral(f, f.persons[0]!);
  return referralAsSoap(r, { SourceId: `edge-ref-${randomUUID()}`, ...over });
}

/** The REST free-beds record of the fixture's department (the route adds the source id and the МО). */
function restFreeBeds(over: Record<string, unknown> = {}) {
  return {
    date: isoDaysAgo(0),
    departmentCode: f.department.code,
    conditions: f.department.conditions,
    bedProfile: f.department.bedProfile,
    profile: f.department.profile,
    occupiedAtStart: 3,
    admitted: 1,
    discharged: 1,
    plannedToday: 0,
    freeTotal: 2,
    freeMale: 1,
    freeFemale: 1,
    freeAdult: 2,
    freeChild: 0,
    forecast: [{ date: isoDaysAgo(-1), free: 2 }],
    ...over,
  };
}

const freeBedsRows = () =>
  count(t.db.sql`select count(*)::int as n from hosp.free_beds where mo_code = ${f.hospital}`);

beforeAll(async () => {
  t = await startTestRuntime();
  f = await hospFixture(t.db.sql);
});
afterAll(async () => {
  await t?.stop();
});

// ─── REST bodies ─────────────────────────────────────────────────────────────────────────────────────────────

describe('REST bodies: impossible dates and overflowing integers are a 400 with the field, nothing stored', () => {
  it.each(impossibleDates)('a referral dated %s', async (date) => {
    const { sourceId: _id, fromMoCode: _mo, ...record } = referral(f, f.persons[1]!, { date });
    const answer = await api('test_mo', '/api/v1/referrals', { method: 'POST', json: record });
    expectProblem(answer, 'date', '903', /нет в календаре/);
    expect(answer.body.errors.find((e: { field: string }) => e.field === 'date').value).toBe(date);
    expect(
      await count(t.db.sql`select count(*)::int as n from hosp.referral where number = ${record.number}`),
    ).toBe(0);
  });

  it('a planned date and a patient birth date out of the calendar, a form beyond smallint', async () => {
    const {
      sourceId: _id,
      fromMoCode: _mo,
      ...record
    } = referral(f, f.persons[1]!, {
      plannedDate: '2026-04-31',
      form: 40_000,
      patient: { enp: f.persons[1]!.enp, birthDate: '1980-02-30' },
    });
    const answer = await api('test_mo', '/api/v1/referrals', { method: 'POST', json: record });
    expectProblem(answer, 'plannedDate', '903', /нет в календаре/);
    expectProblem(answer, 'form', '904', /вне допустимого диапазона/);
    expectProblem(answer, 'patient.birthDate', '903', /нет в календаре/);
  });

  it('admission on a referral with an impossible date: 400 before anything is looked up or stored', async () => {
    const { sourceId: _id, fromMoCode: _mo, ...record } = referral(f, f.persons[2]!);
    const created = await api('test_mo', '/api/v1/referrals', { method: 'POST', json: record });
    expect(created.status, created.text.slice(0, 300)).toBe(201);
    for (const date of impossibleDates) {
      const answer = await api('test_hosp', `/api/v1/referrals/${created.body.id}/admit`, {
        method: 'POST',
        json: { departmentCode: f.department.code, date, caseNumber: `EDGE-${date}` },
      });
      expectProblem(answer, 'date', '903', /нет в календаре/);
    }
    const overflow = await api('test_hosp', `/api/v1/referrals/${created.body.id}/admit`, {
      method: 'POST',
      json: {
        departmentCode: f.department.code,
        date: isoDaysAgo(0),
        caseNumber: 'EDGE-1',
        bedProfile: 2 ** 31,
      },
    });
    expectProblem(overflow, 'bedProfile', '904', /от -2147483648 до 2147483647/);
    expect(
      await count(t.db.sql`select count(*)::int as n from hosp.stay where referral_id = ${created.body.id}`),
    ).toBe(0);
  });

  it('free beds with a count of 2147483648 or 9007199254740991, a fraction, and a forecast dated 2026-02-31', async () => {
    const before = await freeBedsRows();
    const records = [
      restFreeBeds({ occupiedAtStart: 2_147_483_648 }),
      restFreeBeds({ admitted: 9_007_199_254_740_991 }),
      restFreeBeds({ freeTotal: 2.5 }),
      restFreeBeds({ forecast: [{ date: '2026-02-31', free: 2 }] }),
    ];
    const answer = await api('test_hosp', '/api/v1/free-beds', { method: 'POST', json: { records } });
    expect(answer.status, answer.text.slice(0, 400)).toBe(400);
    expect(answer.body).toMatchObject({ accepted: 0, rejected: 4 });
    const first = (i: number) => answer.body.records[i].issues[0];
    expect(first(0)).toMatchObject({ code: '904', field: 'occupiedAtStart', value: '2147483648' });
    expect(first(1)).toMatchObject({ code: '904', field: 'admitted', value: '9007199254740991' });
    expect(first(2)).toMatchObject({ code: '903', field: 'freeTotal', message: 'Ожидается целое число' });
    expect(first(3)).toMatchObject({ code: '903', field: 'forecast.0.date', value: '2026-02-31' });
    for (const i of [0, 1, 3]) expect(first(i).message).toMatch(cyrillic);
    expect(await freeBedsRows()).toBe(before);
  });

  it('a plan line planning 9007199254740991 admissions', async () => {
    const year = new Date().getUTCFullYear();
    const line = {
      year,
      month: 6,
      profile: f.department.profile,
      conditions: f.department.conditions,
      smoCode: f.smo,
      planned: 9_007_199_254_740_991,
    };
    const answer = await api('test_hosp', '/api/v1/hospital-plans', {
      method: 'POST',
      json: { records: [line] },
    });
    expect(answer.status, answer.text.slice(0, 400)).toBe(400);
    expect(answer.body.records[0].issues).toMatchObject([
      { code: '904', field: 'planned', message: /вне допустимого диапазона/ },
    ]);
    expect(
      await count(t.db
        .sql`select count(*)::int as n from hosp.plan where mo_code = ${f.hospital} and year = ${year}
        and month = 6 and profile_v002 = ${f.department.profile}`),
    ).toBe(0);
  });

  it.each(impossibleDates)('an affiliation query by a birth date of %s', async (birthDate) => {
    const answer = await api('test_smo', '/api/v1/persons/affiliation', {
      method: 'POST',
      json: { fam: 'Иванов', im: 'Иван', birthDate },
    });
    expectProblem(answer, 'birthDate', '903', /нет в календаре/);
  });

  it('an affiliation query on a date out of range', async () => {
    const answer = await api('test_smo', '/api/v1/persons/affiliation', {
      method: 'POST',
      json: { enp: f.persons[0]!.enp, onDate: '1000-01-01' },
    });
    expectProblem(answer, 'onDate', '904', /вне допустимого диапазона/);
  });
});

// ─── REST queries ────────────────────────────────────────────────────────────────────────────────────────────

describe('REST queries: impossible dates and overflowing numbers are a 400 naming the parameter', () => {
  const dateFilters: [string, string, string][] = [
    ['test_mo', '/api/v1/referrals', 'dateFrom'],
    ['test_hosp', '/api/v1/admissions', 'dateTo'],
    ['test_mo', '/api/v1/persons', 'birthDate'],
    ['test_hosp', '/api/v1/free-beds', 'date'],
    ['test_mo', '/api/v1/nsi/directories/V002/records', 'validOn'],
    ['test_tfoms', '/api/v1/audit', 'from'],
  ];

  it.each(dateFilters)('%s GET %s?%s=<impossible date>', async (user, path, parameter) => {
    for (const date of impossibleDates) {
      const answer = await api(user, `${path}?${parameter}=${date}`);
      expectProblem(answer, parameter, '903', /нет в календаре/);
    }
    const old = await api(user, `${path}?${parameter}=1000-01-01`);
    expectProblem(old, parameter, '904', /вне допустимого диапазона/);
  });

  const numbers: [string, string, string, string][] = [
    ['test_mo', '/api/v1/referrals', 'page', '99999999999999999999'],
    ['test_mo', '/api/v1/referrals', 'profile', '2147483648'],
    ['test_hosp', '/api/v1/free-beds', 'conditions', '40000'],
    ['test_mo', '/api/v1/persons', 'pageSize', '9007199254740991'],
    ['test_mo', '/api/v1/nsi/directories/V002/records', 'page', '99999999999999999999'],
    ['test_tfoms', '/api/v1/audit', 'personId', '99999999999999999999'],
    ['test_hosp', '/api/v1/hospitalisation/feeds/referrals', 'limit', '99999999999999999999'],
  ];

  it.each(numbers)('%s GET %s?%s=%s', async (user, path, parameter, value) => {
    const answer = await api(user, `${path}?${parameter}=${value}`);
    expectProblem(answer, parameter, '904', /вне допустимого диапазона/);
    expect(answer.body.errors[0].value).toBe(value);
  });

  it.each(['1e3', '1.5', '0x10', '12abc', ' 1'])('?page=%s is not an integer (903)', async (value) => {
    const answer = await api('test_mo', `/api/v1/referrals?page=${encodeURIComponent(value)}`);
    expectProblem(answer, 'page', '903', /Ожидается целое число/);
  });
});

// ─── query keys named like object members ─────────────────────────────────────────────────────────────────────

describe('query keys named like object members are ordinary parameters', () => {
  const keys = ['__proto__=1', 'constructor=x', 'toString=1', 'hasOwnProperty=1', 'valueOf=1&valueOf=2'];

  it.each(keys)('GET /health?%s answers 200', async (query) => {
    const answer = await callApi(t.runtime.url, `/health?${query}`);
    expect(answer.status, answer.text.slice(0, 300)).toBe(200);
  });

  it.each(keys)('GET /api/v1/referrals?%s (signed in) answers 200', async (query) => {
    const answer = await api('test_mo', `/api/v1/referrals?${query}`);
    expect(answer.status, answer.text.slice(0, 300)).toBe(200);
  });

  it('all of them at once, on a list with filters and on a WSDL', async () => {
    const all = keys.join('&');
    expect((await api('test_mo', `/api/v1/persons?${all}&page=1`)).status).toBe(200);
    expect((await api('test_tfoms', `/api/v1/audit?${all}`)).status).toBe(200);
    const wsdl = await fetch(`${t.runtime.url}/soap/NsiService?wsdl&${all}`);
    expect(wsdl.status).toBe(200);
  });
});

// ─── SOAP ────────────────────────────────────────────────────────────────────────────────────────────────────

describe('SOAP: dates are read as sent (never rolled over) and checked by the same rules', () => {
  it.each(impossibleDates)(
    'SendReferrals with Date %s: the record is rejected (903), nothing stored',
    async (date) => {
      const record = soapReferral({ Date: date });
      const answer = await soapCall(
        'HospitalizationService',
        'SendReferrals',
        { Header: soapHeader(f.polyclinic), Referral: record },
        'soap_mo',
      );
      expect(answer.status, answer.text.slice(0, 400)).toBe(200);
      expect(elementText(answer.text, 'Rejected')).toBe('1');
      expect(soapErrors(answer.text)).toEqual([
        expect.objectContaining({
          code: '903',
          field: 'date',
          value: date,
          message: `Такой даты нет в календаре: ${date}`,
        }),
      ]);
      expect(
        await count(
          t.db.sql`select count(*)::int as n from hosp.referral where source_id = ${String(record.SourceId)}`,
        ),
      ).toBe(0);
    },
  );

  it('SendReferrals with a valid date stores that very day (no time-zone shift, no roll-over)', async () => {
    const record = soapReferral({ Number: referralNumber(f.polyclinic) });
    const answer = await soapCall(
      'HospitalizationService',
      'SendReferrals',
      { Header: soapHeader(f.polyclinic), Referral: record },
      'soap_mo',
    );
    expect(elementText(answer.text, 'Accepted'), answer.text.slice(0, 600)).toBe('1');
    const [stored] = await t.db.sql<{ day: string; planned: string }[]>`
      select referral_date::text as day, planned_date::text as planned from hosp.referral
      where source_id = ${String(record.SourceId)}`;
    expect(stored).toEqual({ day: record.Date, planned: record.PlannedDate });
  });

  it('SendFreeBeds with a count of 2147483648, a forecast dated 2026-02-31, a count of 12abc: rejected per record', async () => {
    const before = await freeBedsRows();
    const answer = await soapCall(
      'HospitalizationService',
      'SendFreeBeds',
      {
        Header: soapHeader(f.hospital),
        FreeBeds: [
          soapFreeBeds({ OccupiedAtStart: '2147483648' }),
          soapFreeBeds({ Forecast: [{ Date: '2026-02-31', Free: 2 }] }),
          soapFreeBeds({ Admitted: '12abc' }),
          soapFreeBeds({ FreeTotal: '99999999999999999999' }),
        ],
      },
      'soap_hosp',
    );
    expect(answer.status, answer.text.slice(0, 400)).toBe(200);
    expect(elementText(answer.text, 'Rejected')).toBe('4');
    expect(soapErrors(answer.text)).toEqual([
      expect.objectContaining({ code: '904', field: 'occupiedAtStart', value: '2147483648' }),
      expect.objectContaining({ code: '903', field: 'forecast.0.date', value: '2026-02-31' }),
      expect.objectContaining({
        code: '903',
        field: 'admitted',
        value: '12abc',
        message: 'Ожидается целое число',
      }),
      expect.objectContaining({ code: '904', field: 'freeTotal', value: '100000000000000000000' }),
    ]);
    expect(await freeBedsRows()).toBe(before);
  });

  it('SendErzExtract with a birth date of 1980-02-31: the person is rejected (903), not stored as 1980-03-02', async () => {
    const codes = erzRegionCodes(generateRegionStructure(testDemo.seed));
    const person = newErzPerson(901, codes, 'edge');
    const answer = await soapCall(
      'ErzService',
      'SendErzExtract',
      {
        Header: {
          PackageId: `edge-erz-${randomUUID()}`,
          SenderCode: '99',
          CreatedAt: new Date().toISOString(),
        },
        Person: {
          RecordId: person.recordId,
          Enp: person.enp,
          Fam: person.fam,
          Im: person.im,
          Sex: person.sex,
          BirthDate: '1980-02-31',
          Policy: person.policies.map((p) => ({
            PolicyType: p.policyType,
            Number: p.number,
            SmoCode: p.smoCode,
            DateBeg: p.dateBeg,
            ...(p.dateEnd ? { DateEnd: p.dateEnd } : {}),
          })),
        },
      },
      'soap_tfoms',
    );
    expect(answer.status, answer.text.slice(0, 400)).toBe(200);
    expect(elementText(answer.text, 'Rejected')).toBe('1');
    const errors = soapErrors(answer.text);
    expect(errors).toEqual([
      expect.objectContaining({
        code: '903',
        field: 'birthDate',
        value: '1980-02-31',
        message: 'Такой даты нет в календаре: 1980-02-31',
      }),
    ]);
    expect(
      await count(t.db.sql`select count(*)::int as n from person.person where enp = ${person.enp}`),
    ).toBe(0);
  });

  it.each(impossibleDates)(
    'GetInsuranceAffiliation with BirthDate %s: a soap:Client Fault 903',
    async (date) => {
      const answer = await soapCall(
        'ErzService',
        'GetInsuranceAffiliation',
        { Fam: 'Иванов', Im: 'Иван', BirthDate: date },
        'soap_smo',
      );
      expectClientFault(answer, '903', /BirthDate.*нет в календаре/);
    },
  );

  it('GetDirectoryRecords: ValidOn 2026-02-31 (903), Page of twenty digits (904), PageSize 1e3 (903)', async () => {
    const call = (args: object) =>
      soapCall('NsiService', 'GetDirectoryRecords', { DirectoryCode: 'V002', ...args }, 'soap_mo');
    expectClientFault(await call({ ValidOn: '2026-02-31' }), '903', /ValidOn.*нет в календаре/);
    expectClientFault(await call({ ValidOn: '9999-99-99' }), '903', /нет в календаре/);
    expectClientFault(await call({ Page: '99999999999999999999' }), '904', /Page.*вне допустимого диапазона/);
    expectClientFault(await call({ PageSize: '1e3' }), '903', /PageSize.*целое число/);
    const ok = await call({ ValidOn: '2024-02-29', Page: '1', PageSize: '5' });
    expect(ok.status, ok.text.slice(0, 300)).toBe(200);
    expect(elementText(ok.text, 'PageSize')).toBe('5');
  });

  it('GetFreeBeds with Limit of twenty digits or 12abc: a soap:Client Fault', async () => {
    const call = (limit: string) =>
      soapCall('HospitalizationService', 'GetFreeBeds', { Limit: limit }, 'soap_mo');
    expectClientFault(await call('99999999999999999999'), '904', /Limit.*вне допустимого диапазона/);
    expectClientFault(await call('12abc'), '903', /Limit.*целое число/);
  });
});
