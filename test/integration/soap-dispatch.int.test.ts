import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { xmlOf as toXml } from '../helpers/soap-xml';

/**
 * SOAP dispatch follows the body's element, never the SOAPAction header (issue 9): an action naming another
 * operation, or none of the service, is a soap:Client Fault and nothing runs; a matching, empty, absent or bare
 * action is processed as the body says. Every Fault — before dispatch, at sign-in, or a refusal of an
 * operation — has the one detail shape `<omslink:error xmlns:omslink="urn:omslink:fault:1">`.
 *
 * Raw XML over HTTP (fetch) against the whole local runtime; the owner's connection picks fixtures from the demo
 * region and counts what was stored.
 */
let t: TestRuntime;

const hospNs = 'urn:omslink:hospitalization:1';
const faultNs = 'urn:omslink:fault:1';

interface Fixture {
  daysAgo: (n: number) => string;
  moCode: string;
  hospCode: string;
  department: { code: string; profile: number; conditions: number; bedProfile: number };
  doctorSnils: string;
  diagnosis: string;
  persons: { enp: string }[];
}
let fx: Fixture;

// ─── SOAP over HTTP ──────────────────────────────────────────────────────────────────────────────────────────

/** A SOAP 1.1 envelope with a WS-Security UsernameToken (PasswordText) and the operation's request element. */
function envelope(operation: string, args: object, username = 'soap_mo', password = username): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="${hospNs}"` +
    ' xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">' +
    '<soap:Header><wsse:Security><wsse:UsernameToken>' +
    `<wsse:Username>${username}</wsse:Username><wsse:Password>${password}</wsse:Password>` +
    '</wsse:UsernameToken></wsse:Security></soap:Header>' +
    `<soap:Body>${toXml(`${operation}Request`, args)}</soap:Body></soap:Envelope>`
  );
}

interface Answer {
  status: number;
  text: string;
}

async function post(
  body: string,
  headers: Record<string, string> = {},
  service = 'HospitalizationService',
): Promise<Answer> {
  const res = await fetch(`${t.runtime.url}/soap/${service}`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', ...headers },
    body,
  });
  return { status: res.status, text: await res.text() };
}

const action = (operation: string) => ({ SOAPAction: `"${hospNs}#${operation}"` });

interface ParsedFault {
  faultcode: string;
  faultstring: string;
  /** The children of `detail`, as `{namespace}local`. */
  detailChildren: string[];
  code: string | null;
  message: string | null;
  /** The `{namespace}local` names inside `omslink:error`, in order. */
  errorChildren: string[];
  issues: Record<string, string>[];
}

/** Reads a Fault with a namespace-aware parser; null when the answer is not a SOAP 1.1 Fault. */
function parseFault(xml: string): ParsedFault | null {
  const parser = new SaxesParser({ xmlns: true });
  const path: string[] = [];
  const fault: ParsedFault = {
    faultcode: '',
    faultstring: '',
    detailChildren: [],
    code: null,
    message: null,
    errorChildren: [],
    issues: [],
  };
  let isFault = false;
  let text = '';
  parser.on('opentag', (tag) => {
    const name = `{${tag.uri}}${tag.local}`;
    const parent = path[path.length - 1];
    if (name === '{http://schemas.xmlsoap.org/soap/envelope/}Fault') isFault = true;
    if (parent === '{}detail') fault.detailChildren.push(name);
    if (parent === `{${faultNs}}error`) fault.errorChildren.push(name);
    if (parent === `{${faultNs}}error` && tag.local === 'issue') fault.issues.push({});
    path.push(name);
    text = '';
  });
  parser.on('text', (chunk) => {
    text += chunk;
  });
  parser.on('closetag', (tag) => {
    const parent = path[path.length - 2];
    if (tag.local === 'faultcode' && tag.uri === '') fault.faultcode = text;
    if (tag.local === 'faultstring' && tag.uri === '') fault.faultstring = text;
    if (parent === `{${faultNs}}error` && tag.local === 'code') fault.code = text;
    if (parent === `{${faultNs}}error` && tag.local === 'message') fault.message = text;
    if (parent === `{${faultNs}}issue`) fault.issues[fault.issues.length - 1]![tag.local] = text;
    path.pop();
    text = '';
  });
  parser.write(xml).close();
  return isFault ? fault : null;
}

/** Asserts the one Fault shape and returns the parsed Fault. */
function expectOneShape(answer: Answer, label: string): ParsedFault {
  const fault = parseFault(answer.text);
  expect(fault, `${label}: not a SOAP Fault: ${answer.text.slice(0, 300)}`).not.toBeNull();
  const f = fault!;
  expect(f.faultcode, label).toMatch(/^soap:(Client|Server)$/);
  expect(f.detailChildren, `${label}: detail holds one omslink:error`).toEqual([`{${faultNs}}error`]);
  expect(f.code, `${label}: omslink:code`).toMatch(/\S/);
  expect(f.message, `${label}: omslink:message`).toBe(f.faultstring);
  expect(f.errorChildren.slice(0, 2), label).toEqual([`{${faultNs}}code`, `{${faultNs}}message`]);
  expect(
    f.errorChildren.slice(2).every((c) => c === `{${faultNs}}issue`),
    label,
  ).toBe(true);
  expect(answer.text, `${label}: no bare <code>`).not.toMatch(/<code>|<soap:Code>|<Code>/);
  return f;
}

// ─── records ─────────────────────────────────────────────────────────────────────────────────────────────────

let serial = 0;

function referral(enp: string) {
  const n = ++serial;
  return {
    SourceId: `sd-ref-${n}`,
    Number: `SD${String(n).padStart(8, '0')}`,
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
    Patient: { Enp: enp },
  };
}

function admission(enp: string, ref: { Number: string; Date: string }) {
  const n = ++serial;
  return {
    SourceId: `sd-adm-${n}`,
    ReferralNumber: ref.Number,
    ReferralDate: ref.Date,
    Form: 3,
    MoCode: fx.hospCode,
    DepartmentCode: fx.department.code,
    Conditions: fx.department.conditions,
    Profile: fx.department.profile,
    BedProfile: fx.department.bedProfile,
    Date: fx.daysAgo(1),
    Time: '10:30',
    CaseNumber: `ИБ-sd-${n}`,
    Diagnosis: fx.diagnosis,
    Patient: { Enp: enp },
  };
}

const header = (packageId: string, senderCode: string) => ({
  PackageId: packageId,
  SenderCode: senderCode,
  CreatedAt: new Date().toISOString(),
});

/** What the hospitalisation exchange holds (owner's connection, no row-level security). */
async function counts() {
  const [row] = await t.db.sql<{ packages: number; referrals: number; stays: number }[]>`
    select (select count(*)::int from hosp.package) as packages,
           (select count(*)::int from hosp.referral) as referrals,
           (select count(*)::int from hosp.stay) as stays`;
  return row!;
}

const elementText = (xml: string, local: string) =>
  new RegExp(`<(?:[\\w-]+:)?${local}>([^<]*)</(?:[\\w-]+:)?${local}>`).exec(xml)?.[1] ?? null;

// ─── fixtures ────────────────────────────────────────────────────────────────────────────────────────────────

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
  const valid = (directory: string, code: unknown) => sql`
    exists (select 1 from nsi.record n where n.directory_code = ${directory} and n.code = ${code as string}
              and n.date_beg <= current_date - 5 and (n.date_end is null or n.date_end >= current_date))`;
  // A sex-neutral adult inpatient department of the hospital whose bed profile belongs to its profile of care.
  const [department] = await sql<Fixture['department'][]>`
    select d.code, d.profile_v002 as profile, d.conditions_v006::int as conditions,
           b.bed_profile_v020 as "bedProfile"
    from org.department d join org.department_bed b on b.department_id = d.id
    where d.mo_code = ${hospCode} and d.kind = 'inpatient' and b.beds >= 10
      and b.bed_profile_v020 not in (1, 2, 3, 4, 5, 6, 7, 8, 21, 45, 46, 77)
      and nsi.name_on('V020', b.bed_profile_v020::text, current_date) !~* 'дет|новорожд|беремен|акуш|гинек'
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
    select code from nsi.record where directory_code = 'MKB10' and code in ('I20.8', 'J18.9', 'K35.8')
      and date_beg <= current_date - 5 and (date_end is null or date_end >= current_date)
    order by code = 'I20.8' desc, code limit 1`;
  const persons = await sql<{ enp: string }[]>`
    select p.enp from person.person p
    where p.enp is not null
      and p.birth_date between current_date - interval '60 years' and current_date - interval '18 years'
      and exists (select 1 from person.attachment a where a.person_id = p.id and a.mo_code = ${moCode}
                    and a.date_beg <= current_date - 5 and a.date_end is null)
      and exists (select 1 from person.policy po where po.person_id = p.id
                    and po.date_beg <= current_date - 10 and po.date_end is null)
      and (select count(*) from person.policy po where po.person_id = p.id and po.date_end is null) = 1
    order by p.id limit 8`;
  if (!department || !doctor || !mkb || persons.length < 8) {
    throw new Error('the demo region lacks a hospital department, a doctor, an МКБ-10 code or persons');
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
    persons,
  };
});
afterAll(async () => {
  await t?.stop();
});

// ─── dispatch ────────────────────────────────────────────────────────────────────────────────────────────────

describe('SOAP dispatch by the body element', () => {
  it('refuses a SendReferrals body with the GetReferrals action (soap:Client, SOAP-ACTION) and stores nothing', async () => {
    // Prepare
    const before = await counts();
    const body = envelope('SendReferrals', {
      Header: header('sd-mismatch-1', fx.moCode),
      Referral: [referral(fx.persons[0]!.enp)],
    });

    // Act
    const answer = await post(body, action('GetReferrals'));

    // Assess
    expect(answer.status, answer.text).toBe(400);
    const fault = expectOneShape(answer, 'SendReferrals body + GetReferrals action');
    expect(fault).toMatchObject({ faultcode: 'soap:Client', code: 'SOAP-ACTION' });
    expect(fault.message).toContain('GetReferrals');
    expect(fault.message).toContain('SendReferrals');
    expect(answer.text).not.toContain('GetReferralsResponse');
    expect(await counts()).toEqual(before);
  });

  it('refuses a SendPlannedAdmissions body with the SendEmergencyAdmissions action and stores nothing', async () => {
    // Prepare: a referral the planned admission can follow
    const enp = fx.persons[1]!.enp;
    const ref = referral(enp);
    const sent = await post(
      envelope('SendReferrals', { Header: header('sd-ref-for-adm', fx.moCode), Referral: [ref] }),
    );
    expect(elementText(sent.text, 'Status'), sent.text).toBe('accepted');
    const before = await counts();

    // Act: the hospital's planned admission, announced as an emergency one (also SOAP 1.2 style in Content-Type)
    const body = envelope(
      'SendPlannedAdmissions',
      { Header: header('sd-adm-mismatch', fx.hospCode), Admission: [admission(enp, ref)] },
      'soap_hosp',
    );
    const byHeader = await post(body, action('SendEmergencyAdmissions'));
    const byContentType = await post(body, {
      'content-type': `application/soap+xml; charset=utf-8; action="${hospNs}#SendEmergencyAdmissions"`,
    });

    // Assess
    for (const [label, answer] of [
      ['SOAPAction', byHeader],
      ['Content-Type action', byContentType],
    ] as const) {
      expect(answer.status, `${label}: ${answer.text}`).toBe(400);
      expect(expectOneShape(answer, label)).toMatchObject({ faultcode: 'soap:Client', code: 'SOAP-ACTION' });
    }
    expect(await counts()).toEqual(before);
    expect(await t.db.sql`select kind from hosp.stay where referral_number = ${ref.Number}`).toEqual([]);

    // Act + Assess: the same package with its own action is a planned admission
    const right = await post(body, action('SendPlannedAdmissions'));
    expect(elementText(right.text, 'Status'), right.text).toBe('accepted');
    expect(await t.db.sql`select kind from hosp.stay where referral_number = ${ref.Number}`).toEqual([
      { kind: 'planned' },
    ]);
  });

  it('answers an action naming no operation of the service with 400 soap:Client, never a 5xx', async () => {
    const before = await counts();
    const body = envelope('SendReferrals', {
      Header: header('sd-unknown-action', fx.moCode),
      Referral: [referral(fx.persons[2]!.enp)],
    });
    for (const soapAction of [
      '"urn:omslink:hospitalization:1#DeleteEverything"',
      'DeleteEverything',
      '"urn:omslink:erz:1#SendReferrals"',
      'http://example.org/SendReferrals',
    ]) {
      const answer = await post(body, { SOAPAction: soapAction });
      expect(answer.status, `${soapAction}: ${answer.text}`).toBe(400);
      expect(expectOneShape(answer, soapAction)).toMatchObject({
        faultcode: 'soap:Client',
        code: 'SOAP-ACTION',
      });
    }
    expect(await counts()).toEqual(before);
  });

  it('processes the body’s operation with a matching, empty, absent or bare action', async () => {
    const cases: [string, Record<string, string>][] = [
      ['matching WSDL action', action('SendReferrals')],
      ['unquoted WSDL action', { SOAPAction: `${hospNs}#SendReferrals` }],
      ['empty quoted action', { SOAPAction: '""' }],
      ['absent action', {}],
      ['bare operation', { SOAPAction: 'SendReferrals' }],
      [
        'SOAP 1.2 Content-Type action',
        { 'content-type': `application/soap+xml; action="${hospNs}#SendReferrals"` },
      ],
    ];
    for (const [i, [label, headers]] of cases.entries()) {
      // Prepare
      const before = await counts();
      const ref = referral(fx.persons[(i % 4) + 3]!.enp);

      // Act
      const answer = await post(
        envelope('SendReferrals', { Header: header(`sd-ok-${i}`, fx.moCode), Referral: [ref] }),
        headers,
      );

      // Assess
      expect(answer.status, `${label}: ${answer.text.slice(0, 400)}`).toBe(200);
      expect(answer.text, label).toContain('SendReferralsResponse');
      expect(elementText(answer.text, 'Status'), label).toBe('accepted');
      const after = await counts();
      expect(
        { packages: after.packages - before.packages, referrals: after.referrals - before.referrals },
        label,
      ).toEqual({ packages: 1, referrals: 1 });
    }

    // A read with its own action answers the read
    const read = await post(envelope('GetReferrals', { Limit: 1 }, 'soap_hosp'), action('GetReferrals'));
    expect(read.status, read.text).toBe(200);
    expect(read.text).toContain('GetReferralsResponse');
  });
});

// ─── one Fault shape ─────────────────────────────────────────────────────────────────────────────────────────

describe('one SOAP Fault shape', () => {
  it('answers every Fault with <detail><omslink:error> (code, message, issues), never a bare <code>', async () => {
    const ok = envelope('GetFreeBeds', { Limit: 1 });
    const faults: [
      string,
      () => Promise<Answer>,
      { status: number; faultcode: string; code: string | RegExp },
    ][] = [
      [
        'unknown operation',
        () => post(envelope('DeleteEverything', {})),
        { status: 400, faultcode: 'soap:Client', code: 'SOAP-404' },
      ],
      [
        'wrong password',
        () => post(envelope('GetFreeBeds', { Limit: 1 }, 'soap_mo2', 'wrong')),
        { status: 400, faultcode: 'soap:Client', code: 'AUTH-401' },
      ],
      [
        'no credentials',
        () => post(ok.replace(/<soap:Header>.*<\/soap:Header>/, '')),
        { status: 400, faultcode: 'soap:Client', code: 'AUTH-401' },
      ],
      [
        'blank package id (refusal of an operation)',
        () =>
          post(
            envelope('SendReferrals', {
              Header: header(' ', fx.moCode),
              Referral: [referral(fx.persons[0]!.enp)],
            }),
          ),
        { status: 400, faultcode: 'soap:Client', code: /^90[2-5]$/ },
      ],
      [
        'foreign sender (refusal of an operation)',
        () =>
          post(
            envelope(
              'SendReferrals',
              { Header: header('sd-foreign', fx.moCode), Referral: [referral(fx.persons[0]!.enp)] },
              'soap_hosp',
            ),
          ),
        { status: 400, faultcode: 'soap:Client', code: 'AUTH-403' },
      ],
      [
        'bad feed cursor (refusal of an operation)',
        () => post(envelope('GetReferrals', { ChangedSince: 'not-a-cursor<>', Limit: 5 }, 'soap_hosp')),
        { status: 400, faultcode: 'soap:Client', code: /^90[2-5]$/ },
      ],
      [
        'bad feed limit (refusal of an operation)',
        () => post(envelope('GetFreeBeds', { Limit: 5000 })),
        { status: 400, faultcode: 'soap:Client', code: '904' },
      ],
      [
        'DOCTYPE',
        () => post(ok.replace('?>', '?><!DOCTYPE soap:Envelope [<!ENTITY x "y">]>')),
        { status: 400, faultcode: 'soap:Client', code: 'SOAP-DTD' },
      ],
      [
        'malformed XML',
        () => post(ok.replace('</soap:Body>', '')),
        { status: 400, faultcode: 'soap:Client', code: 'SOAP-XML' },
      ],
      ['empty body', () => post(''), { status: 400, faultcode: 'soap:Client', code: 'SOAP-400' }],
      [
        'unsupported charset',
        () => post(ok, { 'content-type': 'text/xml; charset=koi8-r' }),
        { status: 400, faultcode: 'soap:Client', code: 'SOAP-415' },
      ],
      [
        'action of another operation',
        () => post(ok, action('GetReferrals')),
        { status: 400, faultcode: 'soap:Client', code: 'SOAP-ACTION' },
      ],
      [
        'oversized request',
        () => post(ok.replace('</soap:Body>', `<!--${'x'.repeat(6 * 1024 * 1024)}--></soap:Body>`)),
        { status: 413, faultcode: 'soap:Client', code: 'SOAP-413' },
      ],
      [
        'GET without ?wsdl',
        () =>
          fetch(`${t.runtime.url}/soap/HospitalizationService`).then(async (r) => ({
            status: r.status,
            text: await r.text(),
          })),
        { status: 400, faultcode: 'soap:Client', code: 'SOAP-405' },
      ],
    ];

    for (const [label, pending, expected] of faults) {
      const answer = await pending();
      const fault = expectOneShape(answer, label);
      expect(
        { status: answer.status, faultcode: fault.faultcode },
        `${label}: ${answer.text.slice(0, 400)}`,
      ).toEqual({ status: expected.status, faultcode: expected.faultcode });
      expect(fault.code, label).toMatch(
        typeof expected.code === 'string' ? new RegExp(`^${expected.code}$`) : expected.code,
      );
    }
  });

  it('carries the FLK issues of a refusal in omslink:issue (Code, Rule, Severity, Field, Value, Message)', async () => {
    // Act: a blank package id and a cursor that is not one of ours, both refused by the operation
    const blank = await post(
      envelope('SendReferrals', { Header: header('', fx.moCode), Referral: [referral(fx.persons[0]!.enp)] }),
    );
    const cursor = await post(envelope('GetReferrals', { ChangedSince: 'zzz', Limit: 5 }, 'soap_hosp'));

    // Assess
    const blankFault = expectOneShape(blank, 'blank package id');
    expect(blankFault.issues.length, blank.text).toBeGreaterThan(0);
    expect(blankFault.issues[0]).toMatchObject({
      Code: blankFault.code,
      Rule: expect.any(String),
      Severity: 'error',
      Field: expect.stringMatching(/packageId/i),
      Message: expect.any(String),
    });
    const cursorFault = expectOneShape(cursor, 'bad cursor');
    expect(cursorFault.issues[0], cursor.text).toMatchObject({
      Code: cursorFault.code,
      Rule: 'REQUEST',
      Severity: 'error',
      Message: cursorFault.message,
    });
  });

  it('documents the Fault detail in the WSDL in its own namespace', async () => {
    const res = await fetch(`${t.runtime.url}/soap/HospitalizationService?wsdl`);
    const wsdl = await res.text();
    expect(res.status).toBe(200);
    expect(wsdl).toContain(`<xs:schema targetNamespace="${faultNs}"`);
    expect(wsdl).toMatch(/<xs:element name="error">/);
    expect(wsdl).toMatch(/<documentation>[^<]*SOAP Fault[^<]*urn:omslink:fault:1/);
  });
});
