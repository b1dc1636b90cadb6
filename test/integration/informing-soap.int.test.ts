import { randomUUID } from 'node:crypto';
import * as soap from 'soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cp1251 } from '../helpers/cp1251';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { packageHeader, type SoapAny, soapClient, soapDay, soapList } from '../helpers/soap-clients';
import { wsSecurity, xmlOf } from '../helpers/soap-xml';

/**
 * SOAP InformingService (issue 14) through clients generated from its WSDL by node-soap, against the whole local
 * runtime: an МО sends an informing request, the person's СМО reads it by cursor and sends its results, the МО
 * reads them by cursor, the fund reads the timeliness per СМО; each bad record is rejected with its F012 code and
 * INF.*, ID.* or FORMAT rule and nothing of it is stored; a bad request is a Fault, never a 5xx. There is no
 * second СМО system account in the demo, so the СМО's scope is proven by a request for another СМО's insured
 * person that soap_smo never receives, and the МО's by soap_mo2, which never receives soap_mo's requests.
 */
let t: TestRuntime;

type Any = SoapAny;

interface Person {
  id: string;
  enp: string;
  fam: string;
  im: string;
  birthDate: string;
}

interface Fixture {
  today: string;
  mo: string;
  mo2: string;
  smo: string;
  /** Persons with one current policy of the СМО of soap_smo. */
  insured: Person[];
  /** A person insured by another СМО. */
  foreign: Person;
  /** A person of the register whose only policy ended yesterday (made so by the test). */
  uninsured: Person;
}
let fx: Fixture;

const ns = 'urn:omslink:informing:1';
const url = () => `${t.runtime.url}/soap/InformingService`;

const client = (username: string): Promise<Any> => soapClient(t.runtime.url, 'InformingService', username);

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
async function drain(c: Any, operation: string, element: string, cursor = '') {
  const items: Any[] = [];
  for (let page = 0; page < 100; page++) {
    const [answer] = await c[`${operation}Async`]({ ChangedSince: cursor, Limit: 1000 });
    const got = list(answer?.[element]);
    items.push(...got);
    cursor = answer?.NextCursor ?? cursor;
    if (got.length === 0) return { items, cursor };
  }
  throw new Error(`${operation} did not reach the end of its feed`);
}

/** The latest version of each record a feed delivered, by our id. */
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

function post(body: string | Uint8Array, headers: Record<string, string> = {}) {
  return fetch(url(), {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', ...headers },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
}

const request = (p: Person, over: Record<string, unknown> = {}): Record<string, Any> => ({
  SourceId: `req-${randomUUID()}`,
  Patient: { Enp: p.enp },
  Reason: 'OTHER',
  Deadline: inDays(10),
  ...over,
});
/** The request a result is for: our id, its sender's id (`Request`), or none. */
type Target = string | { SenderCode: string; SourceId: string } | null;
const result = (target: Target, over: Record<string, unknown> = {}): Record<string, Any> => ({
  SourceId: `res-${randomUUID()}`,
  ...(typeof target === 'string' ? { RequestId: target } : target ? { Request: target } : {}),
  Date: fx.today,
  Method: 3,
  Step: 1,
  Outcome: 1,
  ...over,
});

/** Requests plus results stored (the test's owner connection sees every organisation's). */
async function storedRows(): Promise<number> {
  const [row] = await t.db.sql<{ n: number }[]>`
    select ((select count(*) from informing.request) + (select count(*) from informing.result))::int as n`;
  return row!.n;
}

/** Rows a sender stored under a source id, requests and results together. */
async function storedUnder(sender: string, sourceId: string): Promise<number> {
  const [row] = await t.db.sql<{ n: number }[]>`
    select ((select count(*) from informing.request where sender_code = ${sender} and source_id = ${sourceId})
          + (select count(*) from informing.result where sender_code = ${sender} and source_id = ${sourceId}))::int
          as n`;
  return row!.n;
}

/** A request's state as results move it. */
async function requestState(id: string) {
  const [row] = await t.db.sql<{ status: string; attempts: number; seq: string }[]>`
    select status, attempts, change_seq::text as seq from informing.request where id = ${id}`;
  return row;
}

async function packagesNamed(packageId: string): Promise<number> {
  const [row] = await t.db.sql<{ n: number }[]>`
    select count(*)::int as n from informing.package where package_id = ${packageId}`;
  return row!.n;
}

/** Sends one request as soap_mo and answers our id of it. */
async function sentRequest(mo: Any, record: Record<string, Any>): Promise<string> {
  const [answer] = await mo.SendRequestsAsync({ Header: header(fx.mo), Request: record });
  expect(answer.Protocol, JSON.stringify(answer.Protocol)).toMatchObject({ Status: 'accepted', Accepted: 1 });
  return list<Any>(answer.Protocol.Record)[0].Id;
}

beforeAll(async () => {
  t = await startTestRuntime();
  const sql = t.db.sql;
  const [{ today }] = (await sql`select current_date::text as today`) as unknown as [{ today: string }];
  const org = async (username: string) =>
    ((await sql`select org_code from auth.account where username = ${username}`)[0] as { org_code: string })
      .org_code;
  const [mo, mo2, smo] = [await org('soap_mo'), await org('soap_mo2'), await org('soap_smo')];
  // Attached to soap_mo: an МО reads the persons of its requests only within its scope (ARCHITECTURE §1).
  const insuredBy = (smoCode: string, same: boolean) => sql<Person[]>`
    select p.id::text, p.enp, p.fam, p.im, p.birth_date::text as "birthDate"
    from person.person p
    join person.policy po on po.person_id = p.id and po.date_end is null and po.date_beg <= current_date - 100
    where p.enp is not null
      and exists (select 1 from person.attachment a where a.person_id = p.id and a.mo_code = ${mo}
                    and a.date_end is null and a.date_beg <= current_date)
      and (po.smo_code = ${smoCode}) = ${same}
      and (select count(*) from person.policy x where x.person_id = p.id) = 1
    order by p.id limit 12`;
  const insured = await insuredBy(smo, true);
  const [foreign] = await insuredBy(smo, false);
  const uninsured = insured.pop();
  if (insured.length < 8 || !foreign || !uninsured) {
    throw new Error('the demo region lacks insured persons of two СМО');
  }
  // The register's update as the owner: the person's only policy ended yesterday, so nobody informs them.
  await sql`update person.policy set date_end = current_date - 1 where person_id = ${uninsured.id}`;
  fx = { today, mo, mo2, smo, insured, foreign, uninsured };
});
afterAll(async () => {
  await t?.stop();
});

describe('SOAP InformingService: a request, its results and who reads them', () => {
  it('takes an МО’s request; the СМО reads it by cursor and informs; the МО reads the results; the fund the timeliness', async () => {
    // Arrange: every reader at the end of its feeds; the fund's timeliness before
    const mo = await client('soap_mo');
    const smo = await client('soap_smo');
    const fund = await client('soap_tfoms');
    const person = fx.insured[0]!;
    const smoBefore = await drain(smo, 'GetRequests', 'Request');
    const moResultsBefore = await drain(mo, 'GetResults', 'Result');
    const period = { From: inDays(-1), To: inDays(1) };
    const ofSmo = async () =>
      list<Any>((await fund.GetTimelinessAsync(period))[0]?.Smo).find((s) => s.SmoCode === fx.smo) ?? {
        Requests: 0,
        InformedOnTime: 0,
      };
    const timelinessBefore = await ofSmo();
    const record = request(person, {
      Reason: 'DN',
      Primary: 2,
      WindowFrom: inDays(1),
      WindowTo: inDays(20),
      Deadline: inDays(10),
      MoCode: fx.mo,
      DistrictCode: '12',
      Comment: 'Плановое посещение кардиолога',
    });
    const requestPackage = header(fx.mo);

    // Act: the МО sends its request
    const [sent] = await mo.SendRequestsAsync({ Header: requestPackage, Request: record });

    // Assess: accepted with our id; the same package again is a duplicate
    expect(sent.Protocol).toMatchObject({ Status: 'accepted', Total: 1, Accepted: 1, Rejected: 0 });
    const id = list<Any>(sent.Protocol.Record)[0].Id as string;
    expect(id).toMatch(/^\d+$/);
    const [repeated] = await mo.SendRequestsAsync({ Header: requestPackage, Request: record });
    expect(repeated.Protocol).toMatchObject({ PackageId: requestPackage.PackageId, Status: 'duplicate' });
    expect(await packagesNamed(requestPackage.PackageId)).toBe(1);

    // Assess: the СМО's feed carries exactly this request, open, with the person and the deadline
    const read = await drain(smo, 'GetRequests', 'Request', smoBefore.cursor);
    expect(read.items.map((r: Any) => r.Id)).toEqual([id]);
    const [got] = read.items;
    expect(got).toMatchObject({
      SourceId: record.SourceId,
      SenderCode: fx.mo,
      SmoCode: fx.smo,
      Reason: 'DN',
      Primary: 2,
      MoCode: fx.mo,
      DistrictCode: '12',
      Comment: record.Comment,
      Status: 'open',
      Attempts: 0,
      Overdue: false,
      Generated: false,
    });
    expect(got.Patient).toMatchObject({
      PersonId: person.id,
      Enp: person.enp,
      Fam: person.fam,
      Im: person.im,
    });
    expect([day(got.Patient.BirthDate), day(got.Deadline), day(got.RequestDate)]).toEqual([
      person.birthDate,
      record.Deadline,
      fx.today,
    ]);
    expect([day(got.WindowFrom), day(got.WindowTo)]).toEqual([record.WindowFrom, record.WindowTo]);
    expect(BigInt(read.cursor)).toBeGreaterThan(BigInt(smoBefore.cursor || '0'));

    // Act: the СМО could not reach the person, then informed them (naming the request as its sender did)
    const attempt = result(id, { Outcome: 3, Operator: 'Петрова А. А.' });
    const informed = result({ SenderCode: fx.mo, SourceId: record.SourceId }, { Method: 7, Step: 2 });
    const [first] = await smo.SendResultsAsync({ Header: header(fx.smo), Result: attempt });
    const [second] = await smo.SendResultsAsync({ Header: header(fx.smo), Result: informed });

    // Assess: both accepted; the request comes again in the СМО's feed, informed after one attempt
    expect(first.Protocol).toMatchObject({ Status: 'accepted', Accepted: 1 });
    expect(second.Protocol).toMatchObject({ Status: 'accepted', Accepted: 1 });
    const moved = await drain(smo, 'GetRequests', 'Request', read.cursor);
    expect(moved.items.map((r: Any) => [r.Id, r.Status, r.Attempts])).toEqual([[id, 'informed', 1]]);
    expect(day(moved.items[0].ClosedOn)).toBe(fx.today);

    // Assess: the МО reads both results of its request by cursor, and its request as informed
    const results = await drain(mo, 'GetResults', 'Result', moResultsBefore.cursor);
    expect(results.items.map((r: Any) => [r.SourceId, r.Outcome, r.Method, r.Step])).toEqual([
      [attempt.SourceId, 3, 3, 1],
      [informed.SourceId, 1, 7, 2],
    ]);
    for (const r of results.items) {
      expect(r).toMatchObject({ SmoCode: fx.smo, RequestId: id });
      expect(r.Request).toEqual({ SenderCode: fx.mo, SourceId: record.SourceId });
      expect(r.Patient).toMatchObject({ PersonId: person.id, Enp: person.enp });
      expect(day(r.Date)).toBe(fx.today);
    }
    expect(results.items[0].Operator).toBe('Петрова А. А.');
    const mine = latest((await drain(mo, 'GetRequests', 'Request')).items);
    expect(mine.get(id)).toMatchObject({ Status: 'informed', Attempts: 1, SmoCode: fx.smo });

    // Assess: the СМО reads its own results; the fund reads the request, the results and the timeliness
    const smoResults = latest((await drain(smo, 'GetResults', 'Result')).items);
    expect([...smoResults.values()].filter((r) => r.RequestId === id)).toHaveLength(2);
    expect(latest((await drain(fund, 'GetRequests', 'Request')).items).get(id)).toMatchObject({
      Status: 'informed',
    });
    const fundResults = (await drain(fund, 'GetResults', 'Result')).items.filter(
      (r: Any) => r.RequestId === id,
    );
    expect(fundResults).toHaveLength(2);
    const timeliness = await ofSmo();
    expect(timeliness).toMatchObject({ SmoCode: fx.smo, Requests: timelinessBefore.Requests + 1 });
    expect(timeliness.InformedOnTime).toBe(timelinessBefore.InformedOnTime + 1);
    expect(typeof timeliness.SmoName).toBe('string');
  });

  it('keeps each СМО and МО to its own requests and results', async () => {
    // Arrange: soap_mo asks for its own СМО's insured person and for another СМО's
    const mo = await client('soap_mo');
    const mo2 = await client('soap_mo2');
    const smo = await client('soap_smo');
    const fund = await client('soap_tfoms');
    const ownId = await sentRequest(mo, request(fx.insured[1]!));
    const foreignId = await sentRequest(mo, request(fx.foreign));
    const [informed] = await smo.SendResultsAsync({ Header: header(fx.smo), Result: result(ownId) });
    expect(informed.Protocol.Status).toBe('accepted');

    // Act
    const smoRequests = (await drain(smo, 'GetRequests', 'Request')).items;
    const smoResults = (await drain(smo, 'GetResults', 'Result')).items;
    const mo2Requests = (await drain(mo2, 'GetRequests', 'Request')).items;
    const mo2Results = (await drain(mo2, 'GetResults', 'Result')).items;
    const moRequests = (await drain(mo, 'GetRequests', 'Request')).items;
    const fundRequests = (await drain(fund, 'GetRequests', 'Request')).items;

    // Assess: the СМО receives only requests routed to it — never the one for another СМО's insured person
    const ids = (items: Any[]) => items.map((r) => r.Id as string);
    expect(ids(smoRequests)).toContain(ownId);
    expect(ids(smoRequests)).not.toContain(foreignId);
    expect(smoRequests.every((r: Any) => r.SmoCode === fx.smo)).toBe(true);
    expect(smoResults.every((r: Any) => r.SmoCode === fx.smo)).toBe(true);
    // Assess: another МО receives none of soap_mo's requests nor their results; soap_mo receives only its own
    expect(ids(mo2Requests)).not.toContain(ownId);
    expect(ids(mo2Requests)).not.toContain(foreignId);
    expect(mo2Requests.every((r: Any) => r.SenderCode === fx.mo2)).toBe(true);
    expect(mo2Results.map((r: Any) => r.RequestId)).not.toContain(ownId);
    expect(mo2Results.every((r: Any) => r.Request.SenderCode === fx.mo2)).toBe(true);
    expect(ids(moRequests)).toEqual(expect.arrayContaining([ownId, foreignId]));
    expect(moRequests.every((r: Any) => r.SenderCode === fx.mo)).toBe(true);
    // Assess: the fund receives both, the other one routed to the other СМО
    const foreign = fundRequests.find((r: Any) => r.Id === foreignId);
    expect(foreign?.SmoCode).toBeDefined();
    expect(foreign.SmoCode).not.toBe(fx.smo);
    expect(ids(fundRequests)).toContain(ownId);
  });
});

interface BadRecord {
  name: string;
  operation: 'SendRequests' | 'SendResults';
  record: () => Record<string, unknown>;
  code: string;
  rule: string;
  /** The request a bad result names: it must stay as it was. */
  touches?: () => string;
}

interface Arranged {
  open: string;
  closed: string;
  foreign: string;
}

/** Each bad record the FLK must reject alone, with its F012 code and rule (INF.*, ID.*, FORMAT, SOAP.XML.TAG). */
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
  const res = (
    name: string,
    over: Record<string, unknown>,
    code: string,
    rule: string,
    target: Target = a.open,
  ): BadRecord => ({
    name,
    operation: 'SendResults',
    record: () => result(target, over),
    code,
    rule,
    touches: () => (typeof target === 'string' ? target : a.open),
  });
  return [
    req(
      'a window ending before it starts',
      { WindowFrom: inDays(5), WindowTo: inDays(2), Deadline: inDays(1) },
      '904',
      'INF.WINDOW',
    ),
    req('a deadline in the past', { Deadline: inDays(-1) }, '904', 'INF.DEADLINE'),
    req('a deadline after the window', { WindowTo: inDays(3), Deadline: inDays(9) }, '904', 'INF.DEADLINE'),
    req(
      'a person without a current policy',
      { Patient: { Enp: fx.uninsured.enp } },
      '904',
      'INF.PERSON.NO_SMO',
    ),
    req('an ЕНП the register does not know', { Patient: { Enp: '1234567890123452' } }, '904', 'ID.NOT_FOUND'),
    req('an ЕНП with a wrong check digit', { Patient: { Enp: wrongCheckDigit } }, '904', 'ID.ENP.CONTROL'),
    req('a deadline of 2026-02-31', { Deadline: '2026-02-31' }, '903', 'FORMAT'),
    req('a blank SourceId', { SourceId: '   ' }, '902', 'FORMAT'),
    req('primary 2147483648', { Primary: '2147483648' }, '904', 'FORMAT'),
    req('an unknown reason', { Reason: 'ДВН' }, '904', 'FORMAT'),
    req('primary 3', { Primary: 3 }, '904', 'FORMAT'),
    req('an МО code of five digits', { MoCode: '12345' }, '904', 'FORMAT'),
    req('an element the WSDL does not know', { IsAdmin: 'true' }, '904', 'SOAP.XML.TAG'),
    res('a request id of no request', {}, '904', 'INF.REQUEST.UNKNOWN', '999999999'),
    res('another СМО’s request', {}, '904', 'INF.REQUEST.UNKNOWN', a.foreign),
    res('a request named by a source id its sender never sent', {}, '904', 'INF.REQUEST.UNKNOWN', {
      SenderCode: fx.mo,
      SourceId: `req-${randomUUID()}`,
    }),
    res('a result dated tomorrow', { Date: inDays(1) }, '904', 'INF.RESULT.DATE'),
    res('a result dated before the request', { Date: inDays(-30) }, '904', 'INF.RESULT.DATE'),
    res('a result for a closed request', {}, '904', 'INF.RESULT.CLOSED', a.closed),
    res('method 9', { Method: 9 }, '904', 'FORMAT'),
    res('step 0', { Step: 0 }, '904', 'FORMAT'),
    res('outcome 6', { Outcome: 6 }, '904', 'FORMAT'),
    res('neither RequestId nor Request', {}, '904', 'FORMAT', null),
    res('a request id of letters', { RequestId: 'abc' }, '904', 'FORMAT'),
    res('a result date of 2026-02-31', { Date: '2026-02-31' }, '903', 'FORMAT'),
  ];
}

describe('SOAP InformingService: bad records', () => {
  it('rejects each bad record with its F012 code and rule in the protocol, storing nothing of it', async () => {
    // Arrange: an open request, a closed one, and one routed to another СМО
    const mo = await client('soap_mo');
    const smo = await client('soap_smo');
    const open = await sentRequest(mo, request(fx.insured[4]!));
    const closed = await sentRequest(mo, request(fx.insured[5]!));
    const foreign = await sentRequest(mo, request(fx.foreign));
    const [closing] = await smo.SendResultsAsync({ Header: header(fx.smo), Result: result(closed) });
    expect(closing.Protocol.Status).toBe('accepted');
    const cases = badRecords({ open, closed, foreign });
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    expect(cases.length).toBeGreaterThanOrEqual(20);

    for (const c of cases) {
      // Act
      const sender =
        c.operation === 'SendRequests' ? { client: mo, code: fx.mo } : { client: smo, code: fx.smo };
      const before = await storedRows();
      const touched = c.touches ? await requestState(c.touches()) : undefined;
      const record = c.record();
      const packageId = `bad-${randomUUID()}`;
      const [answer] = await sender.client[`${c.operation}Async`]({
        Header: header(sender.code, packageId),
        [c.operation === 'SendRequests' ? 'Request' : 'Result']: record,
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

      // Assess: nothing of it stored, the request it names unmoved; the package and protocol are in the journal
      expect({ case: c.name, rows: await storedRows() }).toEqual({ case: c.name, rows: before });
      if (typeof record.SourceId === 'string' && record.SourceId.trim()) {
        expect(await storedUnder(sender.code, record.SourceId), c.name).toBe(0);
      }
      if (c.touches) expect(await requestState(c.touches()), c.name).toEqual(touched);
      const [journal] = await t.db.sql<{ status: string; rejected: number }[]>`
        select status, rejected from informing.package
        where sender_code = ${sender.code} and package_id = ${packageId}`;
      expect(journal, c.name).toEqual({ status: 'rejected', rejected: 1 });
    }
  });

  it('keeps the good records of a package and rejects only the bad one', async () => {
    // Arrange
    const mo = await client('soap_mo');
    const good = request(fx.insured[6]!);
    const bad = request(fx.insured[6]!, { Deadline: inDays(-3) });

    // Act
    const [answer] = await mo.SendRequestsAsync({ Header: header(fx.mo), Request: [good, bad] });

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
    expect([await storedUnder(fx.mo, good.SourceId), await storedUnder(fx.mo, bad.SourceId)]).toEqual([1, 0]);
  });
});

describe('SOAP InformingService: refused requests', () => {
  it('refuses results from an МО, requests from an СМО and a package sent as another organisation, storing nothing', async () => {
    // Arrange
    const mo = await client('soap_mo');
    const smo = await client('soap_smo');
    const open = await sentRequest(mo, request(fx.insured[7]!));
    const before = await storedRows();
    const state = await requestState(open);

    // Act
    const moResults = header(fx.mo);
    const byMo = await fault(mo.SendResultsAsync({ Header: moResults, Result: result(open) }));
    const smoRequests = header(fx.smo);
    const bySmo = await fault(
      smo.SendRequestsAsync({ Header: smoRequests, Request: request(fx.insured[7]!) }),
    );
    const asOther = header(fx.mo2);
    const asSecond = await fault(mo.SendRequestsAsync({ Header: asOther, Request: request(fx.insured[7]!) }));
    const asSmo = header(fx.smo);
    const asTheSmo = await fault(mo.SendResultsAsync({ Header: asSmo, Result: result(open) }));

    // Assess
    for (const answer of [byMo, bySmo, asSecond, asTheSmo]) {
      expect(answer.status).toBe(400);
      expect(answer.text).toContain('AUTH-403');
    }
    expect(byMo.text).toContain('не разрешено');
    expect(bySmo.text).toContain('не разрешено');
    expect(asSecond.text).toContain(fx.mo2);
    expect(await storedRows()).toBe(before);
    expect(await requestState(open)).toEqual(state);
    for (const h of [moResults, smoRequests, asOther, asSmo])
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
      mo.SendRequestsAsync({ Header: { ...header(fx.mo), PackageId: '  ' }, Request: record }),
    );
    const denied = await fault(intruder.SendRequestsAsync({ Header: header(fx.mo), Request: record }));

    // Assess
    expect(blank.status).toBe(400);
    expect(blank.text).toContain('Не указан идентификатор пакета');
    expect(blank.text).toMatch(/"code":"90[24]"/);
    expect(denied.status).toBe(400);
    expect(denied.text).toContain('AUTH-401');
    expect(await storedRows()).toBe(before);
  });

  it('refuses a SOAPAction naming another operation than the body', async () => {
    // Arrange
    const record = request(fx.insured[2]!);
    const body = envelope(
      'SendRequestsRequest',
      `${xmlOf('Header', header(fx.mo))}${xmlOf('Request', record)}`,
    );

    // Act
    const res = await post(body, { soapaction: `"${ns}#SendResults"` });
    const text = await res.text();

    // Assess
    expect(res.status).toBe(400);
    expect(text).toContain('SOAP-ACTION');
    expect(text).toContain('SendResults');
    expect(await storedUnder(fx.mo, record.SourceId)).toBe(0);
  });

  it('reads a windows-1251 request as declared, and refuses those bytes declared as UTF-8', async () => {
    // Arrange: a request with a Cyrillic comment, encoded as windows-1251
    const record = request(fx.insured[2]!, { Comment: 'Приглашение на приём к терапевту' });
    const text = envelope(
      'SendRequestsRequest',
      `${xmlOf('Header', header(fx.mo))}${xmlOf('Request', record)}`,
    );
    const bytes = cp1251(text.replace('encoding="utf-8"', 'encoding="windows-1251"'));

    // Act
    const misdeclared = await post(bytes, { 'content-type': 'text/xml; charset=utf-8' });
    const misText = await misdeclared.text();
    const afterMisdeclared = await storedUnder(fx.mo, record.SourceId);
    const declared = await post(bytes, { 'content-type': 'text/xml; charset=windows-1251' });
    const answer = await declared.text();

    // Assess: refused as broken UTF-8 first (nothing stored), then taken with its Cyrillic intact
    expect(misdeclared.status).toBe(400);
    expect(misText).toContain('SOAP-415');
    expect(afterMisdeclared).toBe(0);
    expect(declared.status).toBe(200);
    expect(answer).toContain('<Status>accepted</Status>');
    const stored = await t.db.sql`
      select comment from informing.request where sender_code = ${fx.mo} and source_id = ${record.SourceId}`;
    expect(stored).toEqual([{ comment: record.Comment }]);
  });

  it('refuses read parameters out of their bounds with a Fault naming the element', async () => {
    // Arrange
    const mo = await client('soap_mo');
    const fund = await client('soap_tfoms');
    const calls: [name: string, call: () => Promise<unknown>, element: string][] = [
      ['a limit of 5000', () => mo.GetRequestsAsync({ Limit: 5000 }), 'Limit'],
      ['a cursor that is not ours', () => mo.GetResultsAsync({ ChangedSince: 'abc' }), 'cursor'],
      [
        'a period from 2026-02-31',
        () => fund.GetTimelinessAsync({ From: '2026-02-31', To: fx.today }),
        'From',
      ],
      [
        'a period ending before it starts',
        () => fund.GetTimelinessAsync({ From: fx.today, To: inDays(-5) }),
        'To',
      ],
      [
        'an unknown reason',
        () => fund.GetTimelinessAsync({ From: inDays(-5), To: fx.today, Reason: 'ДВН' }),
        'Reason',
      ],
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
