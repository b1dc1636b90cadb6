import { randomUUID } from 'node:crypto';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRegionStructure } from '../../shared/demo/region-structure';
import type { ErzPerson } from '../../shared/person/domain/erz-person';
import { erzRegionCodes, newErzPerson } from '../helpers/erz-persons';
import { type HospFixture, hospFixture, referral, referralAsSoap } from '../helpers/hospitalisation-fixtures';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { xmlOf as xml } from '../helpers/soap-xml';
import { testDemo } from './global-setup';

/**
 * The SOAP services take what their WSDL describes, and nothing else (issue 9): a SOAP 1.1 envelope (another
 * version: soap:VersionMismatch), exactly one operation element in the Body, in the service's namespace; the
 * request's own elements as declared (an unknown or repeated one, more records than `maxOccurs`: a Fault for the
 * whole request, nothing stored); inside a record, an unknown or repeated element rejects that record with an
 * FLK issue (904, the element's path), and the package's other records are stored.
 *
 * Raw XML over HTTP against the whole local runtime; the owner's connection counts what was stored.
 */
let t: TestRuntime;
let hf: HospFixture;
let soapMo = '';
let tfoms = '';

const soap11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const soap12 = 'http://www.w3.org/2003/05/soap-envelope';
const ns = { hosp: 'urn:omslink:hospitalization:1', erz: 'urn:omslink:erz:1' } as const;
const faultNs = 'urn:omslink:fault:1';
const wsse = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
const codes = erzRegionCodes(generateRegionStructure(testDemo.seed));
let erzSerial = 9100;
const nextPerson = (): ErzPerson => newErzPerson(++erzSerial, codes, 'soap-strictness');

// ─── SOAP over HTTP ──────────────────────────────────────────────────────────────────────────────────────────

/** An envelope with a WS-Security UsernameToken; `body` is the Body's content (namespace of prefix m: `opNs`). */
function envelope(
  opNs: string,
  body: string,
  { username = 'soap_mo', envelopeNs = soap11 }: { username?: string; envelopeNs?: string } = {},
): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${envelopeNs}" xmlns:m="${opNs}">` +
    `<soap:Header><wsse:Security xmlns:wsse="${wsse}"><wsse:UsernameToken>` +
    `<wsse:Username>${username}</wsse:Username><wsse:Password>${username}</wsse:Password>` +
    `</wsse:UsernameToken></wsse:Security></soap:Header><soap:Body>${body}</soap:Body></soap:Envelope>`
  );
}

interface Answer {
  status: number;
  text: string;
}

async function post(service: 'HospitalizationService' | 'ErzService', body: string): Promise<Answer> {
  const res = await fetch(`${t.runtime.url}/soap/${service}`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8' },
    body,
  });
  return { status: res.status, text: await res.text() };
}

interface Fault {
  faultcode: string;
  faultstring: string;
  detailChildren: string[];
  code: string | null;
  message: string | null;
  issues: Record<string, string>[];
}

/** A SOAP 1.1 Fault read namespace-aware; null when the answer is none. */
function faultOf(text: string): Fault | null {
  const parser = new SaxesParser({ xmlns: true });
  const path: string[] = [];
  const fault: Fault = {
    faultcode: '',
    faultstring: '',
    detailChildren: [],
    code: null,
    message: null,
    issues: [],
  };
  let isFault = false;
  let chars = '';
  parser.on('opentag', (tag) => {
    const name = `{${tag.uri}}${tag.local}`;
    const parent = path[path.length - 1];
    if (name === `{${soap11}}Fault`) isFault = true;
    if (parent === '{}detail') fault.detailChildren.push(name);
    if (parent === `{${faultNs}}error` && tag.local === 'issue') fault.issues.push({});
    path.push(name);
    chars = '';
  });
  parser.on('text', (c) => {
    chars += c;
  });
  parser.on('closetag', (tag) => {
    const parent = path[path.length - 2];
    if (tag.uri === '' && tag.local === 'faultcode') fault.faultcode = chars;
    if (tag.uri === '' && tag.local === 'faultstring') fault.faultstring = chars;
    if (parent === `{${faultNs}}error` && tag.local === 'code') fault.code = chars;
    if (parent === `{${faultNs}}error` && tag.local === 'message') fault.message = chars;
    if (parent === `{${faultNs}}issue`) fault.issues[fault.issues.length - 1]![tag.local] = chars;
    path.pop();
    chars = '';
  });
  parser.write(text).close();
  return isFault ? fault : null;
}

/** A Fault in the one shape (`<detail><omslink:error>`, message = faultstring), with a Russian message. */
function expectFault(answer: Answer, status: number, faultcode: string, code: string): Fault {
  expect(answer.status, answer.text.slice(0, 600)).toBe(status);
  const fault = faultOf(answer.text);
  expect(fault, answer.text.slice(0, 600)).not.toBeNull();
  expect(fault!.faultcode, answer.text.slice(0, 600)).toBe(faultcode);
  expect(fault!.code, answer.text.slice(0, 600)).toBe(code);
  expect(fault!.detailChildren).toEqual([`{${faultNs}}error`]);
  expect(fault!.message).toBe(fault!.faultstring);
  expect(fault!.message).toMatch(/[А-Яа-яЁё]/);
  return fault!;
}

interface ProtocolRecord {
  Ordinal: string;
  SourceId?: string;
  RecordId?: string;
  Status: string;
  Error: Record<string, string>[];
}

/** The package status and the `Record`s of a Send… answer (hospitalisation: inside `Protocol`; ЕРЗ: directly). */
function protocolOf(text: string): { status: string; records: ProtocolRecord[] } {
  const parser = new SaxesParser({ xmlns: true });
  const path: string[] = [];
  const records: ProtocolRecord[] = [];
  let status = '';
  let chars = '';
  parser.on('opentag', (tag) => {
    if (tag.local === 'Record') records.push({ Ordinal: '', Status: '', Error: [] });
    if (tag.local === 'Error' && path[path.length - 1] === 'Record')
      records[records.length - 1]!.Error.push({});
    path.push(tag.local);
    chars = '';
  });
  parser.on('text', (c) => {
    chars += c;
  });
  parser.on('closetag', (tag) => {
    const parent = path[path.length - 2];
    const record = records[records.length - 1];
    if (tag.local === 'Status' && parent !== 'Record') status = chars;
    if (parent === 'Record' && record && tag.local !== 'Error') {
      (record as unknown as Record<string, string>)[tag.local] = chars;
    }
    if (parent === 'Error' && record) record.Error[record.Error.length - 1]![tag.local] = chars;
    path.pop();
    chars = '';
  });
  parser.write(text).close();
  return { status, records };
}

/** What the exchange and the register hold (owner's connection, no row-level security). */
async function counts() {
  const [row] = await t.db.sql<
    { packages: number; referrals: number; persons: number; policies: number; erzImports: number }[]
  >`
    select (select count(*)::int from hosp.package) as packages,
           (select count(*)::int from hosp.referral) as referrals,
           (select count(*)::int from person.person) as persons,
           (select count(*)::int from person.policy) as policies,
           (select count(*)::int from ops.erz_import) as "erzImports"`;
  return row!;
}

// ─── records ─────────────────────────────────────────────────────────────────────────────────────────────────

let personIndex = 0;

/** A valid referral of soap_mo as the WSDL spells it (each for another fixture person). */
function soapReferral(over: Record<string, unknown> = {}) {
  const r = referral(hf, hf.persons[personIndex++ % hf.persons.length]!, { fromMoCode: soapMo });
  return referralAsSoap(r, { ...over });
}

const packageHeader = (sender: string, packageId = `ss-${randomUUID()}`) => ({
  PackageId: packageId,
  SenderCode: sender,
  CreatedAt: new Date().toISOString(),
});

/** SendReferrals of soap_mo: the header, then the records' XML. */
const sendReferrals = (records: string, header = packageHeader(soapMo)) =>
  envelope(ns.hosp, `<m:SendReferralsRequest>${xml('Header', header)}${records}</m:SendReferralsRequest>`);

/** An ЕРЗ person as the WSDL spells it. */
function soapPerson(p: ErzPerson, over: Record<string, unknown> = {}) {
  return {
    RecordId: p.recordId,
    Enp: p.enp,
    Fam: p.fam,
    Im: p.im,
    Sex: p.sex,
    BirthDate: p.birthDate,
    Policy: p.policies.map((x) => ({
      PolicyType: x.policyType,
      Number: x.number,
      SmoCode: x.smoCode,
      DateBeg: x.dateBeg,
      DateEnd: x.dateEnd ?? undefined,
      CloseReason: x.closeReason ?? undefined,
    })),
    ...over,
  };
}

const sendErz = (persons: string, header = packageHeader(tfoms)) =>
  envelope(ns.erz, `<m:SendErzExtractRequest>${xml('Header', header)}${persons}</m:SendErzExtractRequest>`, {
    username: 'soap_tfoms',
  });

// ─── fixtures ────────────────────────────────────────────────────────────────────────────────────────────────

beforeAll(async () => {
  t = await startTestRuntime();
  const org = async (username: string) =>
    (
      await t.db.sql<{ org_code: string }[]>`select org_code from auth.account where username = ${username}`
    )[0]!.org_code;
  hf = await hospFixture(t.db.sql);
  soapMo = await org('soap_mo');
  tfoms = await org('soap_tfoms');
});
afterAll(async () => {
  await t?.stop();
});

// ─── the envelope ────────────────────────────────────────────────────────────────────────────────────────────

describe('the SOAP envelope', () => {
  it('refuses two operations in one Body (soap:Client SOAP-400) and runs neither', async () => {
    // Prepare
    const before = await counts();
    const body = envelope(
      ns.hosp,
      `<m:SendReferralsRequest>${xml('Header', packageHeader(soapMo))}${xml('Referral', soapReferral())}</m:SendReferralsRequest>` +
        '<m:GetReferralsRequest><m:Limit>1</m:Limit></m:GetReferralsRequest>',
    );

    // Act
    const answer = await post('HospitalizationService', body);

    // Assess
    const fault = expectFault(answer, 400, 'soap:Client', 'SOAP-400');
    expect(fault.message).toContain('ровно один элемент операции');
    expect(answer.text).not.toContain('SendReferralsResponse');
    expect(answer.text).not.toContain('GetReferralsResponse');
    expect(await counts()).toEqual(before);
  });

  it('refuses an operation element in another namespace than the service’s, or in none (SOAP-404)', async () => {
    const before = await counts();
    const request = `<m:SendReferralsRequest>${xml('Header', packageHeader(soapMo))}${xml('Referral', soapReferral())}</m:SendReferralsRequest>`;

    const foreign = await post('HospitalizationService', envelope(ns.erz, request));
    const bare = await post('HospitalizationService', envelope(ns.hosp, request.replace(/<(\/?)m:/g, '<$1')));

    for (const answer of [foreign, bare]) {
      const fault = expectFault(answer, 400, 'soap:Client', 'SOAP-404');
      expect(fault.message).toContain(`должен быть в пространстве имён ${ns.hosp}`);
    }
    expect(faultOf(foreign.text)!.message).toContain(ns.erz);
    expect(await counts()).toEqual(before);
  });

  it('answers a SOAP 1.2 envelope, or one in no or another namespace, with soap:VersionMismatch (HTTP 400)', async () => {
    const read = '<m:GetFreeBedsRequest><m:Limit>1</m:Limit></m:GetFreeBedsRequest>';
    const cases: [string, string][] = [
      ['SOAP 1.2', envelope(ns.hosp, read, { envelopeNs: soap12 })],
      ['another namespace', envelope(ns.hosp, read, { envelopeNs: 'urn:example:envelope' })],
      ['no namespace', `<Envelope xmlns:m="${ns.hosp}"><Body>${read}</Body></Envelope>`],
    ];
    for (const [label, body] of cases) {
      const answer = await post('HospitalizationService', body);
      const fault = expectFault(answer, 400, 'soap:VersionMismatch', 'SOAP-VERSION');
      expect(fault.message, label).toContain(
        `Поддерживается SOAP 1.1: пространство имён конверта должно быть ${soap11}`,
      );
      expect(answer.text, label).not.toContain('GetFreeBedsResponse');
    }
    // A request element without any envelope is the caller's mistake too.
    const bare = await post(
      'HospitalizationService',
      `<?xml version="1.0"?>${read.replace('<m:GetFreeBedsRequest>', `<m:GetFreeBedsRequest xmlns:m="${ns.hosp}">`)}`,
    );
    expect(expectFault(bare, 400, 'soap:Client', 'SOAP-400').message).toContain('не является SOAP-конвертом');
  });

  it('refuses what node-soap cannot read faithfully with a 400, never a 5xx, and stores nothing', async () => {
    const before = await counts();
    const mixed = await post(
      'HospitalizationService',
      sendReferrals(xml('Referral', soapReferral()).replace('<m:SourceId>', 'text<m:SourceId>')),
    );
    const prototypeName = await post(
      'HospitalizationService',
      sendReferrals(
        xml('Referral', soapReferral()).replace(
          '</m:Referral>',
          '<m:constructor>1</m:constructor></m:Referral>',
        ),
      ),
    );
    expect(expectFault(mixed, 400, 'soap:Client', '903').message).toBe(
      'Элемент Referral содержит одновременно текст и вложенные элементы',
    );
    expect(expectFault(prototypeName, 400, 'soap:Client', '904').message).toBe(
      'Неизвестный элемент constructor',
    );
    expect(await counts()).toEqual(before);
  });
});

// ─── the request against the WSDL ────────────────────────────────────────────────────────────────────────────

describe('records against the WSDL', () => {
  it('rejects a referral with an unknown or a repeated element on its own (904, the element path); the others are stored', async () => {
    // Prepare
    const before = await counts();
    const good = soapReferral();
    const unknown = soapReferral();
    const twice = soapReferral();
    const nested = soapReferral();
    const header = packageHeader(soapMo);
    const records =
      xml('Referral', good) +
      xml('Referral', unknown).replace('</m:Referral>', '<m:IsAdmin>true</m:IsAdmin></m:Referral>') +
      xml('Referral', twice).replace(/(<m:Date>[^<]*<\/m:Date>)/, '$1<m:Date>2026-01-01</m:Date>') +
      xml('Referral', nested).replace('</m:Patient>', '<m:Role>admin</m:Role></m:Patient>');

    // Act
    const answer = await post('HospitalizationService', sendReferrals(records, header));
    const again = await post('HospitalizationService', sendReferrals(records, header));

    // Assess
    expect(answer.status, answer.text.slice(0, 600)).toBe(200);
    const protocol = protocolOf(answer.text);
    expect(protocol.status).toBe('partially_accepted');
    expect(protocol.records.map((r) => [r.Ordinal, r.SourceId, r.Status])).toEqual([
      ['1', good.SourceId, 'accepted'],
      ['2', unknown.SourceId, 'rejected'],
      ['3', twice.SourceId, 'rejected'],
      ['4', nested.SourceId, 'rejected'],
    ]);
    expect(protocol.records.slice(1).map((r) => r.Error)).toEqual([
      [
        {
          Code: '904',
          Rule: 'SOAP.XML.TAG',
          Severity: 'error',
          Field: 'IsAdmin',
          Value: 'true',
          Message: 'Неизвестный элемент IsAdmin в Referral',
        },
      ],
      [
        {
          Code: '904',
          Rule: 'SOAP.XML.TAG',
          Severity: 'error',
          Field: 'Date',
          Message: 'Элемент Date указан в Referral более одного раза',
        },
      ],
      [
        {
          Code: '904',
          Rule: 'SOAP.XML.TAG',
          Severity: 'error',
          Field: 'Patient.Role',
          Value: 'admin',
          Message: 'Неизвестный элемент Role в Patient',
        },
      ],
    ]);
    const after = await counts();
    expect({
      packages: after.packages - before.packages,
      referrals: after.referrals - before.referrals,
    }).toEqual({
      packages: 1,
      referrals: 1,
    });
    const stored = await t.db
      .sql`select source_id from hosp.referral where source_id = any(${[good, unknown, twice, nested].map((r) => String(r.SourceId))})`;
    expect(stored).toEqual([{ source_id: good.SourceId }]);

    // The same package again is recognised, and says the same about each record.
    const repeated = protocolOf(again.text);
    expect(repeated.status).toBe('duplicate');
    expect(repeated.records).toEqual(protocol.records);
    expect(await counts()).toEqual(after);
  });

  it('reads a value with attributes (xsi:type) as its text', async () => {
    const r = soapReferral();
    const records = xml('Referral', r).replace(
      '<m:SourceId>',
      '<m:SourceId xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xsd:string">',
    );
    const answer = await post('HospitalizationService', sendReferrals(records));
    expect(protocolOf(answer.text).status, answer.text.slice(0, 600)).toBe('accepted');
    expect(await t.db.sql`select source_id from hosp.referral where number = ${String(r.Number)}`).toEqual([
      { source_id: r.SourceId },
    ]);
  });

  it('refuses an unknown or repeated element of the request or its header as a whole (Fault 904)', async () => {
    const before = await counts();
    const cases: [string, string, string][] = [
      [
        'unknown element in the request',
        sendReferrals(`${xml('Referral', soapReferral())}<m:Priority>1</m:Priority>`),
        'Неизвестный элемент Priority в SendReferralsRequest',
      ],
      [
        'unknown element in the header',
        sendReferrals(xml('Referral', soapReferral()), {
          ...packageHeader(soapMo),
          Admin: 'yes',
        } as ReturnType<typeof packageHeader>),
        'Неизвестный элемент Admin в Header',
      ],
      [
        'two headers',
        envelope(
          ns.hosp,
          `<m:SendReferralsRequest>${xml('Header', packageHeader(soapMo))}${xml('Header', packageHeader(soapMo))}${xml('Referral', soapReferral())}</m:SendReferralsRequest>`,
        ),
        'Элемент Header указан в SendReferralsRequest более одного раза',
      ],
    ];
    for (const [label, body, message] of cases) {
      const fault = expectFault(await post('HospitalizationService', body), 400, 'soap:Client', '904');
      expect(fault.message, label).toBe(message);
      expect(fault.issues[0], label).toMatchObject({ Code: '904', Rule: 'SOAP.XML.TAG', Message: message });
    }
    expect(await counts()).toEqual(before);
  });

  it('rejects an ЕРЗ person with an unknown or a repeated element on its own (904); the others are imported', async () => {
    // Prepare
    const before = await counts();
    const [good, unknown, twice] = [nextPerson(), nextPerson(), nextPerson()];
    const persons =
      xml('Person', soapPerson(good)) +
      xml('Person', soapPerson(unknown)).replace('</m:Person>', '<m:IsAdmin>true</m:IsAdmin></m:Person>') +
      xml('Person', soapPerson(twice)).replace(
        /(<m:Enp>[^<]*<\/m:Enp>)/,
        '$1<m:Enp>9980000000000001</m:Enp>',
      );

    // Act
    const answer = await post('ErzService', sendErz(persons));

    // Assess
    expect(answer.status, answer.text.slice(0, 600)).toBe(200);
    const protocol = protocolOf(answer.text);
    expect(protocol.status).toBe('partially_accepted');
    const rejected = protocol.records.filter((r) => r.Status === 'rejected');
    expect(rejected.map((r) => [r.Ordinal, r.RecordId, r.Status, r.Error])).toEqual([
      [
        '2',
        unknown.recordId,
        'rejected',
        [
          {
            Code: '904',
            Rule: 'SOAP.XML.TAG',
            Severity: 'error',
            Field: 'IsAdmin',
            Value: 'true',
            Message: 'Неизвестный элемент IsAdmin в Person',
          },
        ],
      ],
      [
        '3',
        twice.recordId,
        'rejected',
        [
          {
            Code: '904',
            Rule: 'SOAP.XML.TAG',
            Severity: 'error',
            Field: 'Enp',
            Message: 'Элемент Enp указан в Person более одного раза',
          },
        ],
      ],
    ]);
    const enps = await t.db.sql<{ enp: string }[]>`
      select enp from person.person where enp = any(${[good.enp, unknown.enp, twice.enp]})`;
    expect(enps).toEqual([{ enp: good.enp }]);
    expect((await counts()).persons - before.persons).toBe(1);
  });
});

// ─── the package limit ───────────────────────────────────────────────────────────────────────────────────────

describe('the package limit of the WSDL (maxOccurs 5000)', () => {
  it('refuses SendErzExtract with 5001 persons as a whole (Fault 904) and stores nothing', async () => {
    const before = await counts();
    const persons = Array.from({ length: 5001 }, () => {
      const p = nextPerson();
      return xml('Person', soapPerson({ ...p, policies: p.policies.slice(-1) }));
    }).join('');

    const answer = await post('ErzService', sendErz(persons));

    const fault = expectFault(answer, 400, 'soap:Client', '904');
    expect(fault.message).toBe('В пакете больше 5000 записей: разделите его');
    expect(fault.issues[0]).toMatchObject({ Code: '904', Field: 'Person', Value: '5001' });
    expect(await counts()).toEqual(before);
  }, 60_000);

  it('refuses SendReferrals with 5001 referrals as a whole (Fault 904) and stores nothing', async () => {
    const before = await counts();
    const one = xml('Referral', soapReferral());
    const records = Array.from({ length: 5001 }, (_, i) =>
      one.replace(/<m:SourceId>[^<]*<\/m:SourceId>/, `<m:SourceId>ss-limit-${i}</m:SourceId>`),
    ).join('');

    const answer = await post('HospitalizationService', sendReferrals(records));

    const fault = expectFault(answer, 400, 'soap:Client', '904');
    expect(fault.message).toBe('В пакете больше 5000 записей: разделите его');
    expect(await counts()).toEqual(before);
  }, 60_000);
});
