import { Agent, type IncomingHttpHeaders, request } from 'node:http';
import * as soap from 'soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cp1251 } from '../helpers/cp1251';
import { callApi, signInToken, startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { xmlOf as toXml } from '../helpers/soap-xml';

/**
 * Correctness of the exchange layer (SOAP and REST against the whole local runtime), eight defects of one issue:
 * package header validation on every channel, windows-1251 SOAP requests, a record re-pointed to another person,
 * «ё»/case/space-insensitive identity resolution, sex-specific diagnoses and bed profiles, WSDL soap:address,
 * lock-out of a system account by strangers, and oversized SOAP requests. Each test states the correct behaviour.
 *
 * Talks to the system over HTTP only; the owner's database connection (test/helpers/database.ts) is used to pick
 * fixtures from the demo region and to look at what was stored.
 */
let t: TestRuntime;

// biome-ignore lint/suspicious/noExplicitAny: node-soap answers untyped objects
type Any = any;

const hospNs = 'urn:omslink:hospitalization:1';
const erzNs = 'urn:omslink:erz:1';

interface Department {
  moCode: string;
  code: string;
  profile: number;
  conditions: number;
  bedProfile: number;
}
interface Person {
  id: string;
  enp: string;
  smoCode: string;
}
interface NamedPerson {
  enp: string;
  fam: string;
  im: string;
  ot: string | null;
  birthDate: string;
}

interface Fixture {
  today: string;
  daysAgo: (n: number) => string;
  moCode: string;
  hospCode: string;
  /** An inpatient department without a sex-specific bed profile. */
  department: Department;
  /** A department with beds of V020 6 «гинекологические». */
  gynDepartment: Department;
  doctorSnils: string;
  diagnosis: string;
  /** Two adult men and two adult women (18–45), each with one open policy. */
  men: Person[];
  women: Person[];
  /** Two persons insured by different СМО. */
  personA: Person;
  personB: Person;
  /** Unique by ФИО + birth date (also when «ё» is read as «е»), insured today. */
  withYo: NamedPerson;
  withoutYo: NamedPerson;
  anyNamed: NamedPerson;
}
let fx: Fixture;

// ─── HTTP helpers ────────────────────────────────────────────────────────────────────────────────────────────

interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** Did this request travel on a kept-alive socket of its agent? */
  reusedSocket: boolean;
  /** A transport error (ECONNRESET, EPIPE…), when the exchange broke. */
  error?: string;
}

const port = () => Number(new URL(t.runtime.url).port);

/** One HTTP/1.1 request with full control of headers, source address and agent (keep-alive). */
function raw(options: {
  method: string;
  path: string;
  headers?: Record<string, string | number>;
  body?: Uint8Array | string;
  agent?: Agent;
  localAddress?: string;
}): Promise<RawAnswer> {
  return new Promise((resolve) => {
    let settled = false;
    const chunks: Buffer[] = [];
    const answer: RawAnswer = { status: 0, headers: {}, text: '', reusedSocket: false };
    const finish = (error?: string) => {
      if (settled) return;
      settled = true;
      answer.text = Buffer.concat(chunks).toString('utf8');
      if (error) answer.error = error;
      resolve(answer);
    };
    const req = request(
      {
        host: '127.0.0.1',
        port: port(),
        method: options.method,
        path: options.path,
        headers: options.headers,
        agent: options.agent,
        localAddress: options.localAddress,
      },
      (res) => {
        answer.status = res.statusCode ?? 0;
        answer.headers = res.headers;
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => finish());
        res.on('error', (e: NodeJS.ErrnoException) => finish(e.code ?? e.message));
      },
    );
    req.on('socket', () => {
      answer.reusedSocket = req.reusedSocket;
    });
    req.on('error', (e: NodeJS.ErrnoException) => finish(e.code ?? e.message));
    req.end(options.body === undefined ? undefined : Buffer.from(options.body));
  });
}

const basic = (username: string, password = username) =>
  `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

function envelope(
  ns: string,
  operation: string,
  args: object,
  prolog = '<?xml version="1.0" encoding="utf-8"?>',
) {
  return (
    `${prolog}<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="${ns}">` +
    `<soap:Body>${toXml(`${operation}Request`, args)}</soap:Body></soap:Envelope>`
  );
}

interface SoapAnswer extends RawAnswer {
  faultcode: string | null;
  /** The omslink fault code in the detail (AUTH-401, SOAP-413, 904 …). */
  code: string | null;
}

/** Text of the first element with this local name (any prefix). */
function elementText(xml: string, local: string): string | null {
  const m = new RegExp(`<(?:[\\w-]+:)?${local}(?:\\s[^>]*)?>([^<]*)</(?:[\\w-]+:)?${local}>`).exec(xml);
  return m ? m[1]! : null;
}

function asSoap(answer: RawAnswer): SoapAnswer {
  const isFault = /<(?:[\w-]+:)?Fault>/.test(answer.text);
  return {
    ...answer,
    faultcode: isFault ? elementText(answer.text, 'faultcode') : null,
    code: isFault ? elementText(answer.text, 'code') : null,
  };
}

/** POSTs raw SOAP (string → UTF-8, bytes as given) with HTTP Basic. */
async function postSoap(
  service: string,
  body: string | Uint8Array,
  options: {
    username?: string;
    password?: string;
    contentType?: string;
    localAddress?: string;
    agent?: Agent;
  } = {},
): Promise<SoapAnswer> {
  const headers: Record<string, string> = {
    'content-type': options.contentType ?? 'text/xml; charset=utf-8',
  };
  if (options.username) headers.authorization = basic(options.username, options.password);
  return asSoap(
    await raw({
      method: 'POST',
      path: `/soap/${service}`,
      headers,
      body,
      localAddress: options.localAddress,
      agent: options.agent,
    }),
  );
}

/** A short excerpt of an answer for assertion messages. */
const excerpt = (a: RawAnswer) =>
  `HTTP ${a.status} ${a.headers['content-type'] ?? ''} ${a.error ?? ''} ${a.text.slice(0, 400)}`;

async function soapClient(service: string, username: string): Promise<Any> {
  const url = `${t.runtime.url}/soap/${service}`;
  const c = await soap.createClientAsync(`${url}?wsdl`);
  c.setEndpoint(url);
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

const tokens = new Map<string, string>();
async function token(username: string): Promise<string> {
  let value = tokens.get(username);
  if (!value) {
    value = await signInToken(t.runtime.url, username);
    tokens.set(username, value);
  }
  return value;
}

// ─── record builders ─────────────────────────────────────────────────────────────────────────────────────────

let serial = 0;

/** A referral as the SOAP schema spells it (PascalCase). */
function soapReferral(
  person: Person,
  overrides: { dept?: Department; diagnosis?: string; SourceId?: string; Number?: string } = {},
) {
  const n = ++serial;
  const dept = overrides.dept ?? fx.department;
  return {
    SourceId: overrides.SourceId ?? `xc-ref-${n}`,
    Number: overrides.Number ?? `XC${String(n).padStart(8, '0')}`,
    Date: fx.daysAgo(3),
    Form: 3,
    FromMoCode: fx.moCode,
    ToMoCode: dept.moCode,
    ToDepartmentCode: dept.code,
    Conditions: dept.conditions,
    Profile: dept.profile,
    BedProfile: dept.bedProfile,
    Diagnosis: overrides.diagnosis ?? fx.diagnosis,
    DoctorSnils: fx.doctorSnils,
    PlannedDate: fx.daysAgo(1),
    Kind: 'plain',
    Patient: { Enp: person.enp },
  };
}

/** The same referral in the canonical (REST) shape. */
function restReferral(person: Person) {
  const r = soapReferral(person);
  return {
    sourceId: r.SourceId,
    number: r.Number,
    date: r.Date,
    form: r.Form,
    fromMoCode: r.FromMoCode,
    toMoCode: r.ToMoCode,
    toDepartmentCode: r.ToDepartmentCode,
    conditions: r.Conditions,
    profile: r.Profile,
    bedProfile: r.BedProfile,
    diagnosis: r.Diagnosis,
    doctorSnils: r.DoctorSnils,
    plannedDate: r.PlannedDate,
    kind: 'plain',
    patient: { enp: person.enp },
  };
}

const header = (packageId: string, senderCode: string) => ({
  PackageId: packageId,
  SenderCode: senderCode,
  CreatedAt: new Date().toISOString(),
});

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
  const departments = (where: unknown) => sql<Department[]>`
    select d.mo_code as "moCode", d.code, d.profile_v002 as profile, d.conditions_v006::int as conditions,
           b.bed_profile_v020 as "bedProfile"
    from org.department d join org.department_bed b on b.department_id = d.id
    join org.organisation o on o.code = d.mo_code
    where d.kind = 'inpatient' and b.beds >= 1 and ${where as never}
      and (not exists (select 1 from hosp.bed_profile_rule r where r.bed_profile_v020 = b.bed_profile_v020)
           or exists (select 1 from hosp.bed_profile_rule r
                      where r.bed_profile_v020 = b.bed_profile_v020 and r.profile_v002 = d.profile_v002))
      and ${valid('V002', sql`d.profile_v002::text`)}
      and ${valid('V020', sql`b.bed_profile_v020::text`)}
      and ${valid('V006', sql`d.conditions_v006::text`)}
    order by (d.mo_code = ${hospCode}) desc, d.mo_code, d.code, b.bed_profile_v020 limit 1`;
  // Sex-neutral: not obstetric/gynaecological (V020 1–8), not uro-andrological / oncological by sex (21, 45, 46)
  // and not for children.
  const [department] = await departments(sql`d.mo_code = ${hospCode}
      and b.bed_profile_v020 not in (1, 2, 3, 4, 5, 6, 7, 8, 21, 45, 46, 77)
      and nsi.name_on('V020', b.bed_profile_v020::text, current_date) !~* 'дет|новорожд|беремен|акуш|гинек'`);
  const [gynDepartment] = await departments(sql`b.bed_profile_v020 = 6`);
  const [doctor] = await sql<{ snils: string }[]>`
    select snils from org.doctor where mo_code = ${moCode} order by snils limit 1`;
  const [mkb] = await sql<{ code: string }[]>`
    select code from nsi.record where directory_code = 'MKB10' and code in ('I20.8', 'J18.9', 'K35.8')
      and date_beg <= current_date - 5 and (date_end is null or date_end >= current_date)
    order by code = 'I20.8' desc, code limit 1`;
  const insured = sql`
    join person.policy po on po.person_id = p.id and po.date_end is null and po.date_beg <= current_date - 10
    where (select count(*) from person.policy x where x.person_id = p.id and x.date_end is null) = 1
      and p.enp is not null`;
  const adults = (sex: number) => sql<Person[]>`
    select p.id::text, p.enp, po.smo_code as "smoCode" from person.person p ${insured}
      and p.sex = ${sex} and p.birth_date between current_date - interval '45 years' and current_date - interval '18 years'
    order by p.id limit 2`;
  const men = await adults(1);
  const women = await adults(2);
  const [personA] = await sql<Person[]>`
    select p.id::text, p.enp, po.smo_code as "smoCode" from person.person p ${insured}
      and p.id::text <> all(${[...men, ...women].map((p) => p.id)})
    order by p.id limit 1`;
  const [personB] = personA
    ? await sql<Person[]>`
        select p.id::text, p.enp, po.smo_code as "smoCode" from person.person p ${insured}
          and po.smo_code <> ${personA.smoCode} and p.id::text <> all(${[...men, ...women].map((p) => p.id)})
        order by p.id limit 1`
    : [];
  const named = (where: unknown) => sql<NamedPerson[]>`
    select p.enp, p.fam, p.im, p.ot, p.birth_date::text as "birthDate" from person.person p ${insured}
      and ${where as never}
      and (select count(*) from person.person q
           where translate(upper(q.fam), 'Ё', 'Е') = translate(upper(p.fam), 'Ё', 'Е')
             and translate(upper(q.im), 'Ё', 'Е') = translate(upper(p.im), 'Ё', 'Е')
             and q.birth_date = p.birth_date) = 1
    order by p.id limit 1`;
  const [withYo] = await named(sql`(p.fam || p.im || coalesce(p.ot, '')) like '%ё%'`);
  const [withoutYo] = await named(
    sql`(p.fam || p.im || coalesce(p.ot, '')) not like '%ё%' and p.fam like '%е%'`,
  );
  const [anyNamed] = await named(sql`p.ot is not null`);
  if (!department || !gynDepartment || !doctor || !mkb || men.length < 2 || women.length < 2) {
    throw new Error(
      'the demo region lacks a department, a gynaecology department, a doctor, a diagnosis or persons',
    );
  }
  if (!personA || !personB || !withYo || !withoutYo || !anyNamed) {
    throw new Error('the demo region lacks persons of two СМО or uniquely named persons');
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
    department,
    gynDepartment,
    doctorSnils: doctor.snils,
    diagnosis: mkb.code,
    men,
    women,
    personA,
    personB,
    withYo,
    withoutYo,
    anyNamed,
  };
});
afterAll(async () => {
  await t?.stop();
});

// ─── the defects ─────────────────────────────────────────────────────────────────────────────────────────────

describe('exchange correctness', () => {
  it('1. validates the package id identically on SOAP and REST: blank or longer than 64 characters is refused, 64 is accepted', async () => {
    const tok = await token('test_mo');
    const restSend = (packageId: string) =>
      callApi(t.runtime.url, '/api/v1/hospitalisation/packages/referral', {
        method: 'POST',
        token: tok,
        json: { header: { packageId, senderCode: fx.moCode }, records: [restReferral(fx.men[0]!)] },
      });
    const soapSend = (packageId: string) =>
      postSoap(
        'HospitalizationService',
        envelope(hospNs, 'SendReferrals', {
          Header: header(packageId, fx.moCode),
          Referral: [soapReferral(fx.men[0]!)],
        }),
        { username: 'soap_mo' },
      );
    const bad = ['', '   ', 'p'.repeat(65)];

    // Reference: what REST does with the same mistakes — 400 with an FLK error on header.packageId
    const restCodes: string[] = [];
    for (const packageId of bad) {
      const answer = await restSend(packageId);
      expect(answer.status, `REST packageId ${JSON.stringify(packageId)}: ${answer.text.slice(0, 300)}`).toBe(
        400,
      );
      const error = (answer.body?.errors ?? []).find((e: Any) => e.field === 'header.packageId');
      expect(error, answer.text).toBeTruthy();
      restCodes.push(error.code);
    }

    // SOAP must refuse the same headers: a soap:Client Fault (HTTP 400) with the same code, nothing stored
    for (const [i, packageId] of bad.entries()) {
      const answer = await soapSend(packageId);
      expect
        .soft(
          { status: answer.status, faultcode: answer.faultcode, code: answer.code },
          `SOAP PackageId ${JSON.stringify(packageId)}: ${excerpt(answer)}`,
        )
        .toEqual({ status: 400, faultcode: 'soap:Client', code: restCodes[i] });
    }
    const stored = await t.db.sql`
      select package_id, status from hosp.package
      where sender_code = ${fx.moCode} and (btrim(package_id) = '' or length(package_id) > 64)`;
    expect.soft(stored, 'packages stored under a blank or over-long id').toEqual([]);

    // Act + Assess: a second blank-id package must not be answered as a «duplicate» of the first
    const second = await soapSend('');
    expect(elementText(second.text, 'Status'), `second blank-id package: ${excerpt(second)}`).not.toBe(
      'duplicate',
    );

    // The boundary: 64 characters are fine on both channels
    expect((await restSend('r'.repeat(64))).status).toBe(200);
    const ok = await soapSend('s'.repeat(64));
    expect(ok.status, excerpt(ok)).toBe(200);
    expect(elementText(ok.text, 'Status')).toBe('accepted');
  });

  it('2. decodes SOAP requests in windows-1251 (XML prolog or Content-Type charset) and answers in declared UTF-8', async () => {
    const p = fx.anyNamed;
    const query = { Fam: p.fam, Im: p.im, Ot: p.ot ?? undefined, BirthDate: p.birthDate };

    // (a) declared in the XML prolog only
    const byProlog = await postSoap(
      'ErzService',
      cp1251(
        envelope(erzNs, 'GetInsuranceAffiliation', query, '<?xml version="1.0" encoding="windows-1251"?>'),
      ),
      { username: 'soap_tfoms', contentType: 'text/xml' },
    );
    // (b) declared in the Content-Type header only
    const byHeader = await postSoap(
      'ErzService',
      cp1251(envelope(erzNs, 'GetInsuranceAffiliation', query, '<?xml version="1.0"?>')),
      { username: 'soap_tfoms', contentType: 'text/xml; charset=windows-1251' },
    );
    for (const [how, answer] of [
      ['prolog', byProlog],
      ['content-type', byHeader],
    ] as const) {
      expect.soft(answer.status, `${how}: ${excerpt(answer)}`).toBe(200);
      expect.soft(answer.headers['content-type'], how).toMatch(/charset=utf-8/i);
      expect.soft(elementText(answer.text, 'Outcome'), `${how}: ${excerpt(answer)}`).toBe('identified');
      expect.soft(elementText(answer.text, 'Enp'), how).toBe(p.enp);
      expect.soft(elementText(answer.text, 'Fam'), how).toBe(p.fam);
      const prolog = /^<\?xml[^>]*encoding="([^"]+)"/i.exec(answer.text)?.[1];
      if (prolog) expect.soft(prolog.toLowerCase(), how).toBe('utf-8');
    }

    // (c) a cancellation comment sent in windows-1251 is stored as written
    const mo = await soapClient('HospitalizationService', 'soap_mo');
    const ref = soapReferral(fx.women[1]!);
    const [sent] = await mo.SendReferralsAsync({ Header: header('xc-1251-ref', fx.moCode), Referral: [ref] });
    expect(sent.Protocol.Status).toBe('accepted');
    const referralId = list<Any>(sent.Protocol.Record)[0].Id;
    const comment = 'Пациентка отказалась от госпитализации, № 5 «Ёлочная»';
    const cancel = await postSoap(
      'HospitalizationService',
      cp1251(
        envelope(
          hospNs,
          'SendCancellations',
          {
            Header: header('xc-1251-cancel', fx.hospCode),
            Cancellation: {
              SourceId: 'xc-1251-cancel-1',
              ReferralNumber: ref.Number,
              ReferralDate: ref.Date,
              Reason: 3,
              Date: fx.today,
              Comment: comment,
            },
          },
          '<?xml version="1.0" encoding="windows-1251"?>',
        ),
      ),
      { username: 'soap_hosp', contentType: 'text/xml; charset=windows-1251' },
    );
    expect(cancel.status, excerpt(cancel)).toBe(200);
    const seen = await callApi(t.runtime.url, `/api/v1/referrals/${referralId}`, {
      token: await token('test_mo'),
    });
    expect(seen.status, seen.text.slice(0, 300)).toBe(200);
    expect(seen.body.cancellation?.comment).toBe(comment);
  });

  it('3. rejects a record re-sent under the same sender + source id for a different person, keeping the referral with its person', async () => {
    const mo = await soapClient('HospitalizationService', 'soap_mo');
    const { personA, personB } = fx;
    const first = soapReferral(personA, { SourceId: 'xc-reused-1' });

    // Prepare: referral X for person A
    const [sent] = await mo.SendReferralsAsync({
      Header: header('xc-reuse-pkg-1', fx.moCode),
      Referral: [first],
    });
    expect(sent.Protocol.Status).toBe('accepted');
    const referralId = list<Any>(sent.Protocol.Record)[0].Id;

    // Act: the same sender + source id (and number), now naming person B, in a new package
    const again = { ...first, Patient: { Enp: personB.enp } };
    const [answer] = await mo.SendReferralsAsync({
      Header: header('xc-reuse-pkg-2', fx.moCode),
      Referral: [again],
    });

    // Assess: the record is rejected with an FLK error of its own
    const record = list<Any>(answer.Protocol.Record)[0];
    expect
      .soft(
        { package: answer.Protocol.Status, record: record?.Status },
        `protocol: ${JSON.stringify(answer.Protocol).slice(0, 500)}`,
      )
      .toEqual({ package: 'rejected', record: 'rejected' });
    const errors = list<Any>(record?.Error);
    expect.soft(errors.length, 'FLK errors of the re-pointed record').toBeGreaterThan(0);
    for (const e of errors) expect.soft(e.Code).toMatch(/^\d{3}$/);
    expect.soft(errors.map((e) => e.Rule)).toContain('HOSP.SOURCE.PERSON');

    // Assess: the referral still belongs to person A and A's СМО (read as the sender over REST)
    const seen = await callApi(t.runtime.url, `/api/v1/referrals/${referralId}`, {
      token: await token('test_mo'),
    });
    expect(seen.status).toBe(200);
    expect({ person: seen.body.person?.id, smo: seen.body.smoCode }).toEqual({
      person: personA.id,
      smo: personA.smoCode,
    });
  });

  it('4. identifies a person by ФИО + birth date whatever «ё»/«е», letter case and repeated spaces', async () => {
    const tok = await token('test_tfoms');
    const shout = (s: string | null) => (s === null ? undefined : `  ${s.toUpperCase()}  `);
    const ask = (fam: string, im: string, ot: string | undefined, birthDate: string) =>
      callApi(t.runtime.url, '/api/v1/persons/affiliation', {
        method: 'POST',
        token: tok,
        json: { fam, im, ...(ot ? { ot } : {}), birthDate },
      });
    const yoToE = (s: string | null) => (s === null ? null : s.replace(/ё/g, 'е').replace(/Ё/g, 'Е'));
    const firstEToYo = (s: string) => s.replace('е', 'ё');

    // Control: upper case and doubled spaces alone, letters as stored (found today already)
    const a = fx.withYo;
    const asStored = await ask(shout(a.fam)!, shout(a.im)!, shout(a.ot), a.birthDate);
    expect(
      { outcome: asStored.body?.outcome, enp: asStored.body?.person?.enp },
      asStored.text.slice(0, 300),
    ).toEqual({
      outcome: 'identified',
      enp: a.enp,
    });

    // (a) stored with «ё», asked with «е», in upper case with doubled spaces
    const byE = await ask(shout(yoToE(a.fam))!, shout(yoToE(a.im))!, shout(yoToE(a.ot)), a.birthDate);
    expect.soft(byE.status, byE.text.slice(0, 300)).toBe(200);
    expect
      .soft({ outcome: byE.body?.outcome, enp: byE.body?.person?.enp }, `${a.fam} ${a.im} ${a.ot}`)
      .toEqual({
        outcome: 'identified',
        enp: a.enp,
      });

    // (b) stored with «е», asked with «ё»
    const b = fx.withoutYo;
    const byYo = await ask(shout(firstEToYo(b.fam))!, shout(b.im)!, shout(b.ot), b.birthDate);
    expect.soft(byYo.status, byYo.text.slice(0, 300)).toBe(200);
    expect
      .soft({ outcome: byYo.body?.outcome, enp: byYo.body?.person?.enp }, `${b.fam} ${b.im} ${b.ot}`)
      .toEqual({
        outcome: 'identified',
        enp: b.enp,
      });

    // (c) the same over SOAP
    const erz = await soapClient('ErzService', 'soap_tfoms');
    const [viaSoap] = await erz.GetInsuranceAffiliationAsync({
      Fam: shout(yoToE(a.fam)),
      Im: shout(yoToE(a.im)),
      ...(a.ot ? { Ot: shout(yoToE(a.ot)) } : {}),
      BirthDate: a.birthDate,
    });
    expect
      .soft({ outcome: viaSoap?.Outcome, enp: viaSoap?.Person?.Enp })
      .toEqual({ outcome: 'identified', enp: a.enp });
  });

  it('5a. rejects per record a sex-specific diagnosis that contradicts the person’s sex (O80 for a man, N40 for a woman)', async () => {
    const mo = await soapClient('HospitalizationService', 'soap_mo');
    const records = [
      soapReferral(fx.men[0]!, { diagnosis: 'O80.0' }), // rejected: childbirth for a man
      soapReferral(fx.women[0]!, { diagnosis: 'N40' }), // rejected: prostate hyperplasia for a woman
      soapReferral(fx.women[0]!, { diagnosis: 'O80.0' }), // control: accepted
      soapReferral(fx.men[0]!, { diagnosis: 'N40' }), // control: accepted
    ];
    const [answer] = await mo.SendReferralsAsync({
      Header: header('xc-sex-dia', fx.moCode),
      Referral: records,
    });
    const got = list<Any>(answer.Protocol.Record);
    expect(
      got.map((r) => [r.Status, list<Any>(r.Error).map((e) => `${e.Code} ${e.Rule ?? ''}`)]),
      JSON.stringify(answer.Protocol).slice(0, 800),
    ).toEqual([
      ['rejected', [expect.stringMatching(/^\d{3}\b/)]],
      ['rejected', [expect.stringMatching(/^\d{3}\b/)]],
      ['accepted', []],
      ['accepted', []],
    ]);
  });

  it('5b. rejects per record a man referred to a gynaecology bed profile (V020 6)', async () => {
    const mo = await soapClient('HospitalizationService', 'soap_mo');
    const records = [
      soapReferral(fx.men[1]!, { dept: fx.gynDepartment }), // rejected
      soapReferral(fx.women[1]!, { dept: fx.gynDepartment }), // control: accepted
    ];
    const [answer] = await mo.SendReferralsAsync({
      Header: header('xc-sex-bed', fx.moCode),
      Referral: records,
    });
    const got = list<Any>(answer.Protocol.Record);
    expect(
      got.map((r) => [r.Status, list<Any>(r.Error).map((e) => `${e.Code} ${e.Rule ?? ''}`)]),
      JSON.stringify(answer.Protocol).slice(0, 800),
    ).toEqual([
      ['rejected', [expect.stringMatching(/^\d{3}\b/)]],
      ['accepted', []],
    ]);
  });

  it('6. answers every WSDL with the soap:address the client reached (Host, X-Forwarded-Proto/Host), not localhost:3000', async () => {
    const services = ['HospitalizationService', 'ErzService', 'NsiService'];
    const location = (wsdl: string) => /<soap:address\s+location="([^"]+)"/.exec(wsdl)?.[1];
    for (const service of services) {
      // The runtime listens on a random port: the address must name it
      const direct = await fetch(`${t.runtime.url}/soap/${service}?wsdl`);
      expect(direct.status).toBe(200);
      expect
        .soft(location(await direct.text()), `${service} reached at ${t.runtime.url}`)
        .toBe(`${t.runtime.url}/soap/${service}`);
      // Reached under another host name and port
      const viaHost = await raw({
        method: 'GET',
        path: `/soap/${service}?wsdl`,
        headers: { host: 'omslink.example:8443' },
      });
      expect(viaHost.status).toBe(200);
      expect
        .soft(location(viaHost.text), `${service} with Host omslink.example:8443`)
        .toBe(`http://omslink.example:8443/soap/${service}`);
      // Behind a TLS-terminating proxy
      const viaProxy = await raw({
        method: 'GET',
        path: `/soap/${service}?wsdl`,
        headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'omslink.example' },
      });
      expect(viaProxy.status).toBe(200);
      expect
        .soft(location(viaProxy.text), `${service} behind X-Forwarded-Proto/Host`)
        .toBe(`https://omslink.example/soap/${service}`);
    }
  });

  it('7. keeps an МО system account working while a stranger sends wrong passwords for it', async () => {
    const call = envelope(hospNs, 'GetFreeBeds', { Limit: 1 });
    try {
      // Act: a stranger (another source address) tries 20 wrong secrets for soap_mo
      const strangers: SoapAnswer[] = [];
      for (let i = 0; i < 20; i++) {
        strangers.push(
          await postSoap('HospitalizationService', call, {
            username: 'soap_mo',
            password: `wrong-secret-${i}`,
            localAddress: '127.0.0.2',
          }),
        );
      }
      expect(strangers.every((a) => a.status >= 400 && a.status < 500 && a.faultcode === 'soap:Client')).toBe(
        true,
      );

      // Assess: the МО's own system, with its valid secret, still works
      const own = await postSoap('HospitalizationService', call, {
        username: 'soap_mo',
        localAddress: '127.0.0.1',
      });
      expect({ status: own.status, code: own.code }, excerpt(own)).toEqual({ status: 200, code: null });
      expect(own.text).toContain('GetFreeBedsResponse');
    } finally {
      // Whatever happened, later tests must not inherit a locked account
      await t.db
        .sql`update auth.account set failed_attempts = 0, locked_until = null where username = 'soap_mo'`;
    }
  }, 180_000);

  it('8. answers an oversized SOAP request with a SOAP Fault and keeps the keep-alive connection usable', async () => {
    const call = (padding: number) =>
      envelope(hospNs, 'GetFreeBeds', { Limit: 1 }).replace(
        '</soap:Body>',
        `<!--${'x'.repeat(padding)}--></soap:Body>`,
      );
    for (const megabytes of [6, 11]) {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const big = await postSoap('HospitalizationService', call(megabytes * 1024 * 1024), {
          username: 'soap_mo2',
          agent,
        });
        expect.soft(big.error, `${megabytes} MB: transport error`).toBeUndefined();
        expect.soft([400, 413], `${megabytes} MB: ${excerpt(big)}`).toContain(big.status);
        expect.soft(big.headers['content-type'] ?? '', `${megabytes} MB`).toMatch(/^text\/xml/);
        expect
          .soft({ faultcode: big.faultcode, code: big.code }, `${megabytes} MB: ${excerpt(big)}`)
          .toEqual({
            faultcode: 'soap:Client',
            code: 'SOAP-413',
          });

        // The next request on the same connection works
        const next = await postSoap('HospitalizationService', call(0), { username: 'soap_mo2', agent });
        expect
          .soft(next.reusedSocket, `${megabytes} MB: the next request travelled on the same socket`)
          .toBe(true);
        expect
          .soft({ status: next.status, code: next.code }, `${megabytes} MB, next: ${excerpt(next)}`)
          .toEqual({
            status: 200,
            code: null,
          });
      } finally {
        agent.destroy();
      }
    }
  });
});
