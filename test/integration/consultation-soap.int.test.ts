import { randomUUID } from 'node:crypto';
import * as soap from 'soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cp1251 } from '../helpers/cp1251';
import { type HospFixture, hospFixture } from '../helpers/hospitalisation-fixtures';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { packageHeader, type SoapAny, soapClient, soapDay, soapList } from '../helpers/soap-clients';
import { wsSecurity, xmlOf } from '../helpers/soap-xml';

/**
 * SOAP ConsultationService (issue 14, DOMAIN §2.8) through clients generated from its WSDL by node-soap, against
 * the whole local runtime: the polyclinic's system (soap_mo) asks the hospital for a consultation, the hospital's
 * system (soap_hosp, the МО of test_hosp) reads it by cursor and sends its conclusion; the feed gives the done
 * consultation with its conclusion to both МО, the person's СМО (soap_smo) and the fund (soap_tfoms), never to
 * another МО (soap_mo2) nor to the СМО of another СМО's insured person; each bad record is rejected with its F012
 * code and CONS.*, ID.*, FORMAT or SOAP.XML.TAG rule and nothing of it is stored; a bad request is a Fault.
 */
let t: TestRuntime;

type Any = SoapAny;

type Person = HospFixture['persons'][number];

interface Fixture {
  today: string;
  polyclinic: string;
  hospital: string;
  mo2: string;
  smo: string;
  diagnosis: string;
  /** Persons attached to the polyclinic with a current policy of the СМО of soap_smo. */
  insured: Person[];
  /** A person attached to the polyclinic, insured by another СМО. */
  foreign: Person;
}
let fx: Fixture;

const ns = 'urn:omslink:consultation:1';
const url = () => `${t.runtime.url}/soap/ConsultationService`;

const client = (username: string): Promise<Any> => soapClient(t.runtime.url, 'ConsultationService', username);

const list = soapList;

const day = soapDay;

/** The ISO day `n` days after today (before it when negative). */
const inDays = (n: number) => {
  const d = new Date(`${fx.today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

const header = packageHeader;

/** Reads the feed to its end from `cursor`: every item, and the cursor to continue from later. */
async function drain(c: Any, cursor = '') {
  const items: Any[] = [];
  for (let page = 0; page < 100; page++) {
    const [answer] = await c.GetConsultationsAsync({ ChangedSince: cursor, Limit: 1000 });
    const got = list(answer?.Consultation);
    items.push(...got);
    cursor = answer?.NextCursor ?? cursor;
    if (got.length === 0) return { items, cursor };
  }
  throw new Error('GetConsultations did not reach the end of its feed');
}

/** The latest version of each consultation a feed delivered, by our id. */
const latest = (items: Any[]) => new Map(items.map((i) => [i.Id as string, i]));

/** A SOAP Fault as node-soap's client rejects it: HTTP status and the whole answer as text. */
async function fault(call: Promise<unknown>): Promise<{ status: number; text: string }> {
  const error = (await call.then(
    () => null,
    (e: unknown) => e,
  )) as Any;
  if (!error) throw new Error('expected a SOAP Fault');
  return { status: error.response?.status, text: JSON.stringify(error.root ?? error.body ?? '') };
}

/** A raw SOAP request (WS-Security), for what a generated client would never send. */
function envelope(element: string, inner: string, username = 'soap_mo'): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="${ns}">` +
    `${wsSecurity(username, username)}<soap:Body><m:${element}>${inner}</m:${element}></soap:Body></soap:Envelope>`
  );
}

const request = (p: Person, over: Record<string, unknown> = {}): Record<string, Any> => ({
  SourceId: `cons-${randomUUID()}`,
  Patient: { Enp: p.enp },
  RequestingMoCode: fx.polyclinic,
  ConsultingMoCode: fx.hospital,
  Type: 1,
  RequestDate: inDays(-2),
  Diagnosis: fx.diagnosis,
  Question: 'Уточнение тактики лечения',
  ...over,
});
const conclusion = (requestSourceId: string, over: Record<string, unknown> = {}): Record<string, Any> => ({
  SourceId: `concl-${randomUUID()}`,
  Request: { RequestingMoCode: fx.polyclinic, SourceId: requestSourceId },
  ConsultDate: inDays(-1),
  Conclusion: 'Рекомендовано продолжить терапию, контроль через месяц',
  ...over,
});

/** Consultations stored (the test's owner connection sees every organisation's). */
async function storedRows(): Promise<number> {
  const [row] = await t.db.sql<{ n: number }[]>`select count(*)::int as n from consultation.consultation`;
  return row!.n;
}

/** Consultations a sender stored under a source id. */
async function storedUnder(sender: string, sourceId: string): Promise<number> {
  const [row] = await t.db.sql<{ n: number }[]>`
    select count(*)::int as n from consultation.consultation
    where sender_code = ${sender} and source_id = ${sourceId}`;
  return row!.n;
}

/** A consultation's state as requests and conclusions move it. */
async function consultationState(sourceId: string) {
  const [row] = await t.db.sql`
    select status, consult_date::text, conclusion, conclusion_source_id, change_seq::text
    from consultation.consultation where sender_code = ${fx.polyclinic} and source_id = ${sourceId}`;
  return row;
}

async function packagesNamed(packageId: string): Promise<number> {
  const [row] = await t.db.sql<{ n: number }[]>`
    select count(*)::int as n from consultation.package where package_id = ${packageId}`;
  return row!.n;
}

/** Sends one record as `sender` and answers our id of it. */
async function accepted(sender: Any, senderCode: string, operation: string, element: string, record: Any) {
  const [answer] = await sender[`${operation}Async`]({ Header: header(senderCode), [element]: record });
  expect(answer.Protocol, JSON.stringify(answer.Protocol)).toMatchObject({ Status: 'accepted', Accepted: 1 });
  return list<Any>(answer.Protocol.Record)[0].Id as string;
}

beforeAll(async () => {
  t = await startTestRuntime();
  const sql = t.db.sql;
  const hosp = await hospFixture(sql);
  const [{ today }] = (await sql`select current_date::text as today`) as unknown as [{ today: string }];
  const org = async (username: string) =>
    ((await sql`select org_code from auth.account where username = ${username}`)[0] as { org_code: string })
      .org_code;
  const [mo, mo2, smo, hospital] = [
    await org('soap_mo'),
    await org('soap_mo2'),
    await org('soap_smo'),
    await org('soap_hosp'),
  ];
  if (mo !== hosp.polyclinic || hospital !== hosp.hospital || smo !== hosp.smo) {
    throw new Error(
      'the SOAP system accounts are not of the polyclinic, the hospital and the СМО of the fixture',
    );
  }
  const [foreign] = await sql<Person[]>`
    select p.id::text, p.enp, p.fam, p.im, p.birth_date::text as "birthDate"
    from person.person p
    join person.policy po on po.person_id = p.id and po.date_end is null and po.date_beg <= current_date - 100
    where p.enp is not null and po.smo_code <> ${smo}
      and exists (select 1 from person.attachment a where a.person_id = p.id and a.mo_code = ${mo}
                    and a.date_end is null and a.date_beg <= current_date)
      and (select count(*) from person.policy x where x.person_id = p.id) = 1
    order by p.id limit 1`;
  const [found] = await sql<{ diagnosis: string }[]>`
    select code as diagnosis from nsi.record
    where directory_code = 'MKB10' and code like 'I25%' and date_end is null order by code limit 1`;
  const insured = hosp.persons.filter((p) => p.enp).slice(0, 8);
  if (insured.length < 8 || !foreign || !found) {
    throw new Error('the demo region lacks insured persons of two СМО or МКБ-10 I25');
  }
  fx = { today, polyclinic: mo, hospital, mo2, smo, diagnosis: found.diagnosis, insured, foreign };
});
afterAll(async () => {
  await t?.stop();
});

describe('SOAP ConsultationService: a consultation asked, concluded and read', () => {
  it('takes the polyclinic’s request; the hospital reads and concludes it; both МО, the СМО and the fund read the conclusion', async () => {
    // Arrange: every reader at the end of its feed
    const mo = await client('soap_mo');
    const hosp = await client('soap_hosp');
    const smo = await client('soap_smo');
    const fund = await client('soap_tfoms');
    const person = fx.insured[0]!;
    const before = {
      mo: await drain(mo),
      hosp: await drain(hosp),
      smo: await drain(smo),
      fund: await drain(fund),
    };
    const record = request(person, {
      Type: 2,
      Urgency: 2,
      Specialty: 76,
      ReferralNumber: 'ТМК-2026-001',
    });
    const requestPackage = header(fx.polyclinic);

    // Act: the polyclinic asks
    const [sent] = await mo.SendRequestsAsync({ Header: requestPackage, Request: record });

    // Assess: accepted with our id; the same package again is a duplicate and stores nothing more
    expect(sent.Protocol).toMatchObject({ Status: 'accepted', Total: 1, Accepted: 1, Rejected: 0 });
    const id = list<Any>(sent.Protocol.Record)[0].Id as string;
    expect(id).toMatch(/^\d+$/);
    const [repeated] = await mo.SendRequestsAsync({ Header: requestPackage, Request: record });
    expect(repeated.Protocol).toMatchObject({ PackageId: requestPackage.PackageId, Status: 'duplicate' });
    expect(await packagesNamed(requestPackage.PackageId)).toBe(1);
    expect(await storedUnder(fx.polyclinic, record.SourceId)).toBe(1);

    // Assess: the hospital's feed carries exactly this request, asked of it, with the person
    const asked = await drain(hosp, before.hosp.cursor);
    expect(asked.items.map((c: Any) => [c.Id, c.Status])).toEqual([[id, 'requested']]);
    const [got] = asked.items;
    expect(got).toMatchObject({
      SourceId: record.SourceId,
      RequestingMoCode: fx.polyclinic,
      ConsultingMoCode: fx.hospital,
      SmoCode: fx.smo,
      Type: 2,
      Urgency: 2,
      Diagnosis: fx.diagnosis,
      Specialty: 76,
      Question: record.Question,
      ReferralNumber: 'ТМК-2026-001',
    });
    expect(typeof got.RequestingMoName).toBe('string');
    expect(typeof got.ConsultingMoName).toBe('string');
    expect(got.Conclusion).toBeUndefined();
    expect(got.Patient).toMatchObject({
      PersonId: person.id,
      Enp: person.enp,
      Fam: person.fam,
      Im: person.im,
    });
    expect([day(got.Patient.BirthDate), day(got.RequestDate)]).toEqual([
      person.birthDate,
      record.RequestDate,
    ]);
    expect(BigInt(asked.cursor)).toBeGreaterThan(BigInt(before.hosp.cursor || '0'));
    // Assess: the polyclinic reads its request as asked, not yet concluded
    const own = await drain(mo, before.mo.cursor);
    expect(own.items.map((c: Any) => [c.Id, c.Status, c.Conclusion])).toEqual([[id, 'requested', undefined]]);

    // Act: the hospital concludes, naming the request as the polyclinic did
    const answer = conclusion(record.SourceId, {
      Diagnosis: fx.diagnosis,
      Recommendations: 'ЭКГ, липидограмма',
    });
    const [concluded] = await hosp.SendConclusionsAsync({ Header: header(fx.hospital), Conclusion: answer });

    // Assess: accepted on our consultation; it comes again in every receiver's feed, done, with the conclusion
    expect(concluded.Protocol).toMatchObject({ Status: 'accepted', Accepted: 1 });
    expect(list<Any>(concluded.Protocol.Record)[0].Id).toBe(id);
    const feeds = {
      mo: await drain(mo, own.cursor),
      hosp: await drain(hosp, asked.cursor),
      smo: await drain(smo, before.smo.cursor),
      fund: await drain(fund, before.fund.cursor),
    };
    for (const side of [feeds.mo, feeds.hosp]) {
      expect(side.items.map((c: Any) => [c.Id, c.Status])).toEqual([[id, 'done']]);
    }
    for (const [reader, feed] of Object.entries(feeds)) {
      const done = latest(feed.items).get(id);
      expect(done, reader).toMatchObject({
        SourceId: record.SourceId,
        Status: 'done',
        Conclusion: {
          SourceId: answer.SourceId,
          Diagnosis: fx.diagnosis,
          Conclusion: answer.Conclusion,
          Recommendations: 'ЭКГ, липидограмма',
        },
      });
      expect(day(done.Conclusion.ConsultDate), reader).toBe(answer.ConsultDate);
      expect(done.Patient.PersonId, reader).toBe(person.id);
    }
  });

  it('moves a withdrawn request to cancelled in the feeds of both МО', async () => {
    // Arrange
    const mo = await client('soap_mo');
    const hosp = await client('soap_hosp');
    const hospBefore = await drain(hosp);
    const record = request(fx.insured[1]!);
    const id = await accepted(mo, fx.polyclinic, 'SendRequests', 'Request', record);

    // Act: the polyclinic sends the same request again, cancelled
    const again = await accepted(mo, fx.polyclinic, 'SendRequests', 'Request', {
      ...record,
      Cancelled: true,
    });

    // Assess: the same consultation, requested then cancelled
    expect(again).toBe(id);
    const read = await drain(hosp, hospBefore.cursor);
    expect(read.items.map((c: Any) => [c.Id, c.Status])).toEqual([[id, 'cancelled']]);
    expect(latest((await drain(mo)).items).get(id)).toMatchObject({ Status: 'cancelled' });
    expect(await storedUnder(fx.polyclinic, record.SourceId)).toBe(1);
  });

  it('keeps each МО and СМО to its own consultations', async () => {
    // Arrange: the polyclinic asks for its СМО's insured person and for another СМО's
    const mo = await client('soap_mo');
    const mo2 = await client('soap_mo2');
    const hosp = await client('soap_hosp');
    const smo = await client('soap_smo');
    const fund = await client('soap_tfoms');
    const ownId = await accepted(mo, fx.polyclinic, 'SendRequests', 'Request', request(fx.insured[2]!));
    const foreignId = await accepted(mo, fx.polyclinic, 'SendRequests', 'Request', request(fx.foreign));

    // Act
    const ids = async (c: Any) => (await drain(c)).items;
    const [ofMo, ofMo2, ofHosp, ofSmo, ofFund] = [
      await ids(mo),
      await ids(mo2),
      await ids(hosp),
      await ids(smo),
      await ids(fund),
    ];

    // Assess: the asking and the asked МО and the fund read both; the СМО only its insured person's
    const has = (items: Any[]) => items.map((c) => c.Id as string);
    for (const items of [ofMo, ofHosp, ofFund]) {
      expect(has(items)).toEqual(expect.arrayContaining([ownId, foreignId]));
    }
    expect(has(ofSmo)).toContain(ownId);
    expect(has(ofSmo)).not.toContain(foreignId);
    expect(ofSmo.every((c: Any) => c.SmoCode === fx.smo)).toBe(true);
    expect(latest(ofFund).get(foreignId).SmoCode).not.toBe(fx.smo);
    // Assess: another МO reads none of them; each МО only what it asked for or was asked
    expect(has(ofMo2)).not.toContain(ownId);
    expect(has(ofMo2)).not.toContain(foreignId);
    const involves = (code: string) => (c: Any) => c.RequestingMoCode === code || c.ConsultingMoCode === code;
    expect(ofMo2.every(involves(fx.mo2))).toBe(true);
    expect(ofMo.every(involves(fx.polyclinic))).toBe(true);
    expect(ofHosp.every(involves(fx.hospital))).toBe(true);
  });
});

interface BadRecord {
  name: string;
  operation: 'SendRequests' | 'SendConclusions';
  record: () => Record<string, unknown>;
  code: string;
  rule: string;
  /** The source id of the request a bad conclusion names: its consultation must stay as it was. */
  touches?: string;
}

interface Arranged {
  /** Requests of the polyclinic to the hospital: open, and withdrawn. */
  open: string;
  cancelled: string;
  /** A request of the polyclinic to another МО. */
  elsewhere: string;
}

/** Each bad record the FLK must reject alone, with its F012 code and rule (CONS.*, ID.*, FORMAT, SOAP.XML.TAG). */
function badRecords(a: Arranged): BadRecord[] {
  const person = fx.insured[3]!;
  const enp = person.enp;
  const wrongCheckDigit = `${enp.slice(0, 15)}${(Number(enp[15]) + 1) % 10}`;
  const req = (name: string, over: Record<string, unknown>, code: string, rule: string): BadRecord => ({
    name,
    operation: 'SendRequests',
    record: () => request(person, over),
    code,
    rule,
  });
  const concl = (
    name: string,
    over: Record<string, unknown>,
    code: string,
    rule: string,
    target = a.open,
  ): BadRecord => ({
    name,
    operation: 'SendConclusions',
    record: () => conclusion(target, over),
    code,
    rule,
    touches: target,
  });
  return [
    req(
      'a request in another МО’s name',
      { RequestingMoCode: fx.hospital, ConsultingMoCode: fx.mo2 },
      '904',
      'CONS.SENDER',
    ),
    req('a request asked of itself', { ConsultingMoCode: fx.polyclinic }, '904', 'CONS.CONSULTING_MO'),
    req(
      'a request asked of an МО the region does not know',
      { ConsultingMoCode: '000000' },
      '904',
      'CONS.CONSULTING_MO',
    ),
    req('a request dated tomorrow', { RequestDate: inDays(1) }, '904', 'CONS.DATE'),
    req('a diagnosis not in МКБ-10', { Diagnosis: 'Q99.99' }, '904', 'CONS.DIAGNOSIS'),
    req('an ЕНП the register does not know', { Patient: { Enp: '1234567890123452' } }, '904', 'ID.NOT_FOUND'),
    req('an ЕНП with a wrong check digit', { Patient: { Enp: wrongCheckDigit } }, '904', 'ID.ENP.CONTROL'),
    req('a request date of 2026-02-31', { RequestDate: '2026-02-31' }, '903', 'FORMAT'),
    req('a blank SourceId', { SourceId: '   ' }, '902', 'FORMAT'),
    req('type 3', { Type: 3 }, '904', 'FORMAT'),
    req('urgency 2147483648', { Urgency: '2147483648' }, '904', 'FORMAT'),
    req('a consulting МО code of five digits', { ConsultingMoCode: '12345' }, '904', 'FORMAT'),
    req('a cancellation flag neither true nor false', { Cancelled: 'maybe' }, '903', 'FORMAT'),
    req('an element the WSDL does not know', { IsAdmin: 'true' }, '904', 'SOAP.XML.TAG'),
    concl('a conclusion of a request never sent', {}, '904', 'CONS.UNKNOWN', `cons-${randomUUID()}`),
    concl('a conclusion of a request asked of another МО', {}, '904', 'CONS.UNKNOWN', a.elsewhere),
    concl('a consultation before its request', { ConsultDate: inDays(-5) }, '904', 'CONS.ORDER'),
    concl('a consultation dated tomorrow', { ConsultDate: inDays(1) }, '904', 'CONS.DATE'),
    concl('a conclusion of a cancelled request', {}, '904', 'CONS.CANCELLED', a.cancelled),
    concl('a consultation date of 2026-02-31', { ConsultDate: '2026-02-31' }, '903', 'FORMAT'),
    concl('a blank conclusion', { Conclusion: '  ' }, '902', 'FORMAT'),
    concl(
      'a requesting МО code of five digits',
      { Request: { RequestingMoCode: '12345', SourceId: a.open } },
      '904',
      'FORMAT',
    ),
  ];
}

describe('SOAP ConsultationService: bad records', () => {
  it('rejects each bad record with its F012 code and rule in the protocol, storing nothing of it', async () => {
    // Arrange: an open request to the hospital, a withdrawn one, and one asked of another МО
    const mo = await client('soap_mo');
    const hosp = await client('soap_hosp');
    const open = request(fx.insured[4]!);
    const cancelled = request(fx.insured[5]!);
    const elsewhere = request(fx.insured[5]!, { ConsultingMoCode: fx.mo2 });
    for (const r of [open, cancelled, elsewhere]) {
      await accepted(mo, fx.polyclinic, 'SendRequests', 'Request', r);
    }
    await accepted(mo, fx.polyclinic, 'SendRequests', 'Request', { ...cancelled, Cancelled: true });
    const cases = badRecords({
      open: open.SourceId,
      cancelled: cancelled.SourceId,
      elsewhere: elsewhere.SourceId,
    });
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    expect(cases.length).toBeGreaterThanOrEqual(15);

    for (const c of cases) {
      // Act
      const sender =
        c.operation === 'SendRequests'
          ? { client: mo, code: fx.polyclinic }
          : { client: hosp, code: fx.hospital };
      const before = await storedRows();
      const touched = c.touches ? await consultationState(c.touches) : undefined;
      const record = c.record();
      const packageId = `bad-${randomUUID()}`;
      const [answer] = await sender.client[`${c.operation}Async`]({
        Header: header(sender.code, packageId),
        [c.operation === 'SendRequests' ? 'Request' : 'Conclusion']: record,
      });

      // Assess: the package is answered (no Fault), the record rejected with its code and a Russian message
      expect({ case: c.name, status: answer.Protocol.Status, rejected: answer.Protocol.Rejected }).toEqual({
        case: c.name,
        status: 'rejected',
        rejected: 1,
      });
      const [protocol] = list<Any>(answer.Protocol.Record);
      expect(protocol.Id, c.name).toBeUndefined();
      const errors = list<Any>(protocol.Error);
      expect(
        errors.map((e) => [e.Code, e.Rule]),
        c.name,
      ).toContainEqual([c.code, c.rule]);
      expect(
        errors.every((e) => /[А-Яа-яЁё]{2,}/.test(e.Message)),
        c.name,
      ).toBe(true);

      // Assess: nothing of it stored, the consultation it names unmoved; the package and protocol are journalled
      expect({ case: c.name, rows: await storedRows() }).toEqual({ case: c.name, rows: before });
      if (c.operation === 'SendRequests' && typeof record.SourceId === 'string' && record.SourceId.trim()) {
        expect(await storedUnder(sender.code, record.SourceId), c.name).toBe(0);
      }
      if (c.touches) expect(await consultationState(c.touches), c.name).toEqual(touched);
      const [journal] = await t.db.sql<{ status: string; rejected: number }[]>`
        select status, rejected from consultation.package
        where sender_code = ${sender.code} and package_id = ${packageId}`;
      expect(journal, c.name).toEqual({ status: 'rejected', rejected: 1 });
    }
  });

  it('keeps the good records of a package and rejects only the bad one', async () => {
    // Arrange
    const mo = await client('soap_mo');
    const good = request(fx.insured[6]!);
    const bad = request(fx.insured[6]!, { RequestDate: inDays(3) });

    // Act
    const [answer] = await mo.SendRequestsAsync({ Header: header(fx.polyclinic), Request: [good, bad] });

    // Assess
    expect(answer.Protocol).toMatchObject({
      Status: 'partially_accepted',
      Total: 2,
      Accepted: 1,
      Rejected: 1,
    });
    expect(list<Any>(answer.Protocol.Record).map((r) => [r.Ordinal, r.SourceId, r.Status])).toEqual([
      [1, good.SourceId, 'accepted'],
      [2, bad.SourceId, 'rejected'],
    ]);
    expect([
      await storedUnder(fx.polyclinic, good.SourceId),
      await storedUnder(fx.polyclinic, bad.SourceId),
    ]).toEqual([1, 0]);
  });
});

describe('SOAP ConsultationService: refused requests', () => {
  it('refuses an СМО sending and a package sent as another organisation, storing nothing', async () => {
    // Arrange
    const mo = await client('soap_mo');
    const smo = await client('soap_smo');
    const open = request(fx.insured[7]!);
    await accepted(mo, fx.polyclinic, 'SendRequests', 'Request', open);
    const before = await storedRows();
    const state = await consultationState(open.SourceId);

    // Act
    const smoRequests = header(fx.smo);
    const bySmo = await fault(
      smo.SendRequestsAsync({ Header: smoRequests, Request: request(fx.insured[7]!) }),
    );
    const smoConclusions = header(fx.smo);
    const bySmoConcluding = await fault(
      smo.SendConclusionsAsync({ Header: smoConclusions, Conclusion: conclusion(open.SourceId) }),
    );
    const asHospital = header(fx.hospital);
    const asOther = await fault(
      mo.SendConclusionsAsync({ Header: asHospital, Conclusion: conclusion(open.SourceId) }),
    );

    // Assess
    for (const answer of [bySmo, bySmoConcluding, asOther]) {
      expect(answer.status).toBe(400);
      expect(answer.text).toContain('AUTH-403');
    }
    expect(bySmo.text).toContain('не разрешено');
    expect(bySmoConcluding.text).toContain('не разрешено');
    expect(asOther.text).toContain(fx.hospital);
    expect(await storedRows()).toBe(before);
    expect(await consultationState(open.SourceId)).toEqual(state);
    for (const h of [smoRequests, smoConclusions, asHospital])
      expect(await packagesNamed(h.PackageId)).toBe(0);
  });

  it('refuses a blank package id and a wrong password, storing nothing', async () => {
    // Arrange
    const mo = await client('soap_mo');
    const before = await storedRows();
    const intruder = await client('soap_mo');
    intruder.setSecurity(
      new soap.WSSecurity('soap_mo', 'wrong', { passwordType: 'PasswordText', hasTimeStamp: false }),
    );
    const record = request(fx.insured[2]!);

    // Act
    const blank = await fault(
      mo.SendRequestsAsync({ Header: { ...header(fx.polyclinic), PackageId: '  ' }, Request: record }),
    );
    const denied = await fault(
      intruder.SendRequestsAsync({ Header: header(fx.polyclinic), Request: record }),
    );

    // Assess
    expect(blank.status).toBe(400);
    expect(blank.text).toContain('Не указан идентификатор пакета');
    expect(blank.text).toMatch(/"code":"90[24]"/);
    expect(denied.status).toBe(400);
    expect(denied.text).toContain('AUTH-401');
    expect(await storedRows()).toBe(before);
    expect(await storedUnder(fx.polyclinic, record.SourceId)).toBe(0);
  });

  it('refuses a SOAPAction naming another operation than the body', async () => {
    // Arrange
    const record = request(fx.insured[2]!);
    const body = envelope(
      'SendRequestsRequest',
      `${xmlOf('Header', header(fx.polyclinic))}${xmlOf('Request', record)}`,
    );

    // Act
    const res = await fetch(url(), {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${ns}#SendConclusions"` },
      body,
    });
    const text = await res.text();

    // Assess
    expect(res.status).toBe(400);
    expect(text).toContain('SOAP-ACTION');
    expect(text).toContain('SendConclusions');
    expect(await storedUnder(fx.polyclinic, record.SourceId)).toBe(0);
  });

  it('reads a windows-1251 request as declared, and refuses those bytes declared as UTF-8', async () => {
    // Arrange: a request with a Cyrillic question, encoded as windows-1251
    const record = request(fx.insured[3]!, { Question: 'Согласование тактики: ёмкость, «щадящий» режим' });
    const text = envelope(
      'SendRequestsRequest',
      `${xmlOf('Header', header(fx.polyclinic))}${xmlOf('Request', record)}`,
    ).replace('encoding="utf-8"', 'encoding="windows-1251"');
    const post = (charset: string) =>
      fetch(url(), {
        method: 'POST',
        headers: { 'content-type': `text/xml; charset=${charset}`, soapaction: `"${ns}#SendRequests"` },
        body: new Uint8Array(cp1251(text)),
      });

    // Act
    const misdeclared = await post('utf-8');
    const misText = await misdeclared.text();
    const afterMisdeclared = await storedUnder(fx.polyclinic, record.SourceId);
    const declared = await post('windows-1251');
    const answer = await declared.text();

    // Assess: refused as broken UTF-8 first (nothing stored), then taken with its Cyrillic intact
    expect(misdeclared.status).toBe(400);
    expect(misText).toContain('SOAP-415');
    expect(afterMisdeclared).toBe(0);
    expect(declared.status, answer.slice(0, 500)).toBe(200);
    expect(answer).toContain('<Status>accepted</Status>');
    const stored = await t.db.sql`
      select question from consultation.consultation
      where sender_code = ${fx.polyclinic} and source_id = ${record.SourceId}`;
    expect(stored).toEqual([{ question: record.Question }]);
  });

  it('refuses feed parameters out of their bounds with a Fault naming the element', async () => {
    // Arrange
    const mo = await client('soap_mo');
    const calls: [name: string, call: () => Promise<unknown>, element: string][] = [
      ['a limit of 5000', () => mo.GetConsultationsAsync({ Limit: 5000 }), 'Limit'],
      ['a limit of 0', () => mo.GetConsultationsAsync({ Limit: 0 }), 'Limit'],
      ['a cursor that is not ours', () => mo.GetConsultationsAsync({ ChangedSince: 'abc' }), 'cursor'],
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
