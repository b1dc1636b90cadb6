import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRegionStructure } from '../../shared/demo/region-structure';
import type { PatientRef } from '../../shared/hospitalisation/domain/records';
import { writeTFile } from '../../shared/hospitalisation/formats/t-family/t-file-writer';
import type { ErzPerson } from '../../shared/person/domain/erz-person';
import { writeErzExtract } from '../../shared/person/formats/erz-extract-writer';
import {
  basicAuth,
  billionLaughsDoctype,
  type DbSnapshot,
  deepJsonArrays,
  elementText,
  elementTexts,
  emptyZip,
  excerpt,
  type HttpAnswer,
  type HttpRequest,
  hasRussian,
  hugeNumbers,
  impossibleDates,
  injections,
  journalTables,
  jsonOf,
  jsonTexts,
  jsonWith,
  leaksIn,
  restRefusalProblems,
  sendRaw,
  snapshotChanges,
  snapshotTables,
  soapEnvelope,
  soapFaultProblems,
  soapNs,
  statusProblems,
  takeSnapshot,
  truncated,
  utf16le,
  withDoctype,
  withInvalidUtf8,
  xmlOf,
  xmlTexts,
  xxeDoctype,
  zipOf,
  zipWithWrongCrc,
} from '../helpers/bad-input';
import { cp1251 } from '../helpers/cp1251';
import { erzRegionCodes, newErzPerson } from '../helpers/erz-persons';
import {
  admission,
  type HospFixture,
  hospFixture,
  isoDaysAgo,
  referral,
  referralAsSoap,
} from '../helpers/hospitalisation-fixtures';
import { directoryFile } from '../helpers/organisation-directory';
import { signInToken, startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { zipBomb } from '../helpers/zip-bomb';
import { testDemo } from './global-setup';

/**
 * The bad-input catalogue (issue 9): one row per bad request on every channel — REST query strings, paths and
 * bodies, SOAP envelopes, and every file family (ЕРЗ extracts over REST, T-files, F003/F002) — each answered
 * with a 4xx (never a 5xx): a clear Russian message (problem+json, SOAP Fault in the one omslink shape, or the
 * file journal's protocol once the queue has finished the file), no internal names (stack traces, error
 * classes, SQL, table or constraint names, file paths), and the database as it was (row counts and contents of
 * hosp.*, person.*, org.*, ops.* and auth.account; only the package and file journals may record a refusal).
 *
 * Record-level mistakes inside a package may also be answered, as the contract says, with a protocol that
 * rejects the records (HTTP 200 on SOAP and the package route); nothing of them may be stored.
 *
 * One runtime for the file. Reads run five at a time; writes and files one at a time, so that a change of the
 * database is charged to the case that made it. Set BAD_INPUT_REPORT=<file> to get every case's outcome as JSON.
 */

// ─── the catalogue's types ──────────────────────────────────────────────────────────────────────────────────

type Channel = 'rest' | 'soap' | 'file';
type Phase = 'read' | 'write' | 'file';

type Expectation =
  /** 4xx (optionally one of `status`) with a Russian message in the channel's shape. */
  | { kind: 'refused'; status?: number[] }
  /** A refusal, or a protocol (HTTP 200, or the route's 400 protocol) that accepts nothing. */
  | { kind: 'rejected' }
  /** Refused at upload (4xx), or queued and finished by the queue as rejected with a Russian protocol. */
  | { kind: 'file'; journal: 'erz' | 't-file'; atUpload?: boolean }
  /** An F003/F002 import: refused, or answered with every record in error and nothing created or updated. */
  | { kind: 'org-import' }
  /**
   * A query parameter the route does not know (named like an Object.prototype member): refused, or ignored —
   * the answer is the one the same request gets without it (`volatile`: the list itself moves, as the audit
   * log does while reads run; then only its shape is compared).
   */
  | { kind: 'ignored-or-refused'; volatile?: boolean };

interface Case {
  name: string;
  channel: Channel;
  phase: Phase;
  /** REST: the bearer token of this user. */
  as?: string;
  request: (fx: Fx) => HttpRequest;
  expect: Expectation;
  /**
   * `journal`: the package and file journals may record the refusal; `phase`: judged for the whole phase (the
   * files that run side by side), not per case. Default `strict`.
   */
  db?: 'strict' | 'journal' | 'phase';
  /**
   * When a file that could be read safely was applied after all (a UTF-8 file declared windows-1251, read as
   * UTF-8 with a warning): what must then hold instead of «nothing changed».
   */
  appliedOk?: (body: unknown) => Promise<string[]>;
  /** Values of another organisation that must not appear in the answer. */
  hidden?: (fx: Fx) => string[];
  /** Values the request put there, which the answer may repeat. */
  echoes?: string[];
}

interface Fx {
  hf: HospFixture;
  /** Organisation of soap_mo (sends as the first polyclinic). */
  soapMo: string;
  mo2: string;
  /** Organisation of soap_tfoms (the fund). */
  tfoms: string;
  referral: { id: string; number: string; enp: string };
  stay: { id: string; enp: string };
  /** A person visible to test_mo (attached), not to test_mo2. */
  person: { id: string; enp: string };
  tFileId: string;
  freeOrgCodes: string[];
  /** The register's data of the fixture persons, as a T-file carries them (FAM, IM, OT, W, DR). */
  patients: Map<string, PatientRef>;
  /** Organisation of soap_mo2 (the second polyclinic's system). */
  soapMo2: string;
  /** A registry-invoice import of soap_mo2's МО: soap_mo must not see it. */
  registryOfMo2: { id: string; fileName: string };
}

let t: TestRuntime;
let fx: Fx;
let tables: string[];
const tokens = new Map<string, string>();
const erzCodes = erzRegionCodes(generateRegionStructure(testDemo.seed));
let erzSerial = 7000;
const nextErzPerson = (): ErzPerson => newErzPerson(++erzSerial, erzCodes, 'bad-input');
let orgSerial = 0;
const nextOrgCode = () => fx.freeOrgCodes[orgSerial++]!;

// ─── request builders ───────────────────────────────────────────────────────────────────────────────────────

const json = { 'content-type': 'application/json' };
const octets = { 'content-type': 'application/octet-stream' };
const xmlType = { 'content-type': 'text/xml; charset=utf-8' };

function get(name: string, as: string, path: string | ((fx: Fx) => string), extra: Partial<Case> = {}): Case {
  return {
    name,
    channel: 'rest',
    phase: 'read',
    as,
    request: (f) => ({ method: 'GET', path: typeof path === 'string' ? path : path(f) }),
    expect: { kind: 'refused' },
    ...extra,
  };
}

function send(
  name: string,
  as: string,
  method: string,
  path: string | ((fx: Fx) => string),
  body: string | Uint8Array | ((fx: Fx) => string | Uint8Array),
  extra: Partial<Case> & { headers?: Record<string, string> } = {},
): Case {
  const { headers, ...rest } = extra;
  return {
    name,
    channel: 'rest',
    phase: 'write',
    as,
    request: (f) => ({
      method,
      path: typeof path === 'string' ? path : path(f),
      headers: headers ?? json,
      body: typeof body === 'function' ? body(f) : body,
    }),
    expect: { kind: 'refused' },
    ...rest,
  };
}

const post = (
  name: string,
  as: string,
  path: string | ((fx: Fx) => string),
  body: string | Uint8Array | ((fx: Fx) => string | Uint8Array),
  extra: Partial<Case> & { headers?: Record<string, string> } = {},
) => send(name, as, 'POST', path, body, extra);

type SoapService = 'HospitalizationService' | 'ErzService' | 'NsiService' | 'RegistryService';

function soap(
  name: string,
  service: SoapService,
  body: (fx: Fx) => string | Uint8Array,
  extra: Partial<Case> & { headers?: Record<string, string> } = {},
): Case {
  const { headers, ...rest } = extra;
  return {
    name,
    channel: 'soap',
    phase: 'write',
    request: (f) => ({
      method: 'POST',
      path: `/soap/${service}`,
      headers: headers ?? xmlType,
      body: body(f),
    }),
    expect: { kind: 'refused' },
    ...rest,
  };
}

function upload(
  name: string,
  family: 'erz' | 't-file',
  bytes: (fx: Fx) => Uint8Array,
  extra: Partial<Case> & { fileName?: string; headers?: Record<string, string>; atUpload?: boolean } = {},
): Case {
  const { fileName, headers, atUpload, ...rest } = extra;
  return {
    name,
    channel: 'file',
    phase: 'file',
    as: family === 'erz' ? 'test_admin' : 'test_mo',
    request: (f) => ({
      method: 'POST',
      path: family === 'erz' ? '/api/v1/erz/imports' : '/api/v1/hospitalisation/files',
      headers: {
        ...octets,
        ...(fileName === ''
          ? {}
          : { 'x-file-name': encodeURIComponent(fileName ?? `bad-${randomUUID()}.xml`) }),
        ...headers,
      },
      body: bytes(f),
    }),
    expect: { kind: 'file', journal: family, ...(atUpload ? { atUpload } : {}) },
    db: 'phase',
    ...rest,
  };
}

function orgImport(name: string, bytes: (fx: Fx) => Uint8Array, extra: Partial<Case> = {}): Case {
  return {
    name,
    channel: 'file',
    phase: 'write',
    as: 'test_nsi',
    request: (f) => ({
      method: 'POST',
      path: '/api/v1/organisations/import',
      headers: { ...octets, 'x-file-name': 'F003.xml' },
      body: bytes(f),
    }),
    expect: { kind: 'org-import' },
    ...extra,
  };
}

// ─── valid payloads the bad cases start from ────────────────────────────────────────────────────────────────

let personCursor = 3;
/** A fixture person not used elsewhere (so that a wrongly stored record is a new row). */
const somePerson = (f: Fx) => f.hf.persons[3 + (personCursor++ % 30)]!;

/** A valid referral (canonical REST shape) from the first polyclinic to the first hospital. */
const restReferral = (f: Fx, over: Record<string, unknown> = {}) => ({
  ...referral(f.hf, somePerson(f)),
  ...over,
});

const restFreeBeds = (f: Fx, over: Record<string, unknown> = {}) => ({
  date: isoDaysAgo(0),
  departmentCode: f.hf.department.code,
  conditions: f.hf.department.conditions,
  bedProfile: f.hf.department.bedProfile,
  profile: f.hf.department.profile,
  occupiedAtStart: 10,
  admitted: 2,
  discharged: 3,
  plannedToday: 1,
  freeTotal: 4,
  freeMale: 2,
  freeFemale: 2,
  freeAdult: 4,
  freeChild: 0,
  forecast: [{ date: isoDaysAgo(-1), free: 5 }],
  ...over,
});

const restPlan = (f: Fx, over: Record<string, unknown> = {}) => ({
  year: 2027,
  month: 1,
  profile: f.hf.department.profile,
  conditions: f.hf.department.conditions,
  smoCode: f.hf.smo,
  planned: 10,
  ...over,
});

/** A valid referral as the SOAP schema spells it. */
function soapReferral(f: Fx, over: Record<string, unknown> = {}) {
  const r = referral(f.hf, somePerson(f), { fromMoCode: f.soapMo });
  return referralAsSoap(r, { ...over });
}

const soapHeader = (sender: string, over: Record<string, unknown> = {}) => ({
  PackageId: `bad-${randomUUID()}`,
  SenderCode: sender,
  CreatedAt: new Date().toISOString(),
  ...over,
});

/** SendReferrals of soap_mo with one referral (and whatever `inner` adds). */
const sendReferrals = (f: Fx, referralOver: Record<string, unknown> = {}, inner = '') =>
  soapEnvelope({
    ns: soapNs.hospitalisation,
    element: 'SendReferralsRequest',
    auth: { username: 'soap_mo' },
    inner: `${xmlOf('Header', soapHeader(f.soapMo))}${xmlOf('Referral', soapReferral(f, referralOver))}${inner}`,
  });

const hospCall = (element: string, inner: string, username = 'soap_mo') =>
  soapEnvelope({ ns: soapNs.hospitalisation, element, inner, auth: { username } });

const erzCall = (element: string, inner: string, username = 'soap_tfoms') =>
  soapEnvelope({ ns: soapNs.erz, element, inner, auth: { username } });

const nsiCall = (inner: string, username = 'soap_mo') =>
  soapEnvelope({ ns: soapNs.nsi, element: 'GetDirectoryRecordsRequest', inner, auth: { username } });

/** An ЕРЗ person as the SOAP schema spells it. */
function soapErzPerson(p: ErzPerson, over: Record<string, unknown> = {}) {
  return {
    RecordId: p.recordId,
    Enp: p.enp,
    Snils: p.snils ?? undefined,
    Fam: p.fam,
    Im: p.im,
    Ot: p.ot ?? undefined,
    Sex: p.sex,
    BirthDate: p.birthDate,
    Phone: p.phone ?? undefined,
    Document: p.documents.map((d) => ({
      DocType: d.docType,
      DocSer: d.docSer ?? undefined,
      DocNum: d.docNum,
      DocDate: d.docDate ?? undefined,
    })),
    Policy: p.policies.map((x) => ({
      PolicyType: x.policyType,
      Series: x.series ?? undefined,
      Number: x.number,
      SmoCode: x.smoCode,
      DateBeg: x.dateBeg,
      DateEnd: x.dateEnd ?? undefined,
      CloseReason: x.closeReason ?? undefined,
    })),
    Attachment: p.attachments.map((a) => ({
      MoCode: a.moCode,
      DistrictCode: a.districtCode,
      DoctorSnils: a.doctorSnils,
      DateBeg: a.dateBeg,
      DateEnd: a.dateEnd ?? undefined,
    })),
    ...over,
  };
}

const sendErz = (persons: unknown[] | string, header = soapHeader(fx.tfoms)) =>
  erzCall(
    'SendErzExtractRequest',
    `${xmlOf('Header', header)}${typeof persons === 'string' ? persons : xmlOf('Person', persons)}`,
  );

const registryCall = (element: string, inner: string, username = 'soap_mo') =>
  soapEnvelope({ ns: soapNs.registry, element, inner, auth: { username } });

/** SendRegistry of soap_mo: a small ZIP (what is inside is the import's business), or what `over` says. */
const sendRegistry = (
  f: Fx,
  over: { sender?: string; fileName?: string | null; pkg?: string; header?: string } = {},
  username = 'soap_mo',
) =>
  registryCall(
    'SendRegistryRequest',
    `${over.header ?? xmlOf('Header', soapHeader(over.sender ?? f.soapMo))}` +
      `${over.fileName === null ? '' : xmlOf('FileName', over.fileName ?? 'HM640001T64_230101.zip')}` +
      `${over.pkg ?? xmlOf('Package', b64(zipOf({ 'HM640001T64_230101.XML': utf8(`<ZL_LIST>${randomUUID()}</ZL_LIST>`) })))}`,
    username,
  );

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

const erzHeader = () => ({
  date: '2026-01-15',
  fileName: `ERZ_99_${randomUUID().slice(0, 8)}`,
  okato: '99000',
});

/** A valid ЕРЗ extract (UTF-8 text) of new persons; bad cases edit its text. */
const erzXml = (persons: ErzPerson[] = [nextErzPerson()]) =>
  new TextDecoder().decode(writeErzExtract(erzHeader(), persons, 'utf-8'));
const utf8 = (text: string) => new TextEncoder().encode(text);

/** A valid T1 file of the first polyclinic (UTF-8 text, one referral); bad cases edit its text. */
function t1Xml(f: Fx, over: Record<string, unknown> = {}): string {
  const person = somePerson(f);
  const record = referral(f.hf, person, {
    date: isoDaysAgo(4),
    plannedDate: isoDaysAgo(-3),
    patient: f.patients.get(person.enp)!,
    ...over,
  });
  const file = writeTFile(
    { type: 'T1', senderKind: 'M', senderCode: f.hf.polyclinic, date: isoDaysAgo(2), sequence: null },
    [{ record }],
    { zip: false, encoding: 'utf-8' },
  );
  return new TextDecoder().decode(file.bytes);
}

const replaceTag = (xml: string, tag: string, value: string) =>
  xml.replace(new RegExp(`<${tag}>[^<]*</${tag}>`), `<${tag}>${value}</${tag}>`);

/** An F003 publication of a new МО (UTF-8 unless said otherwise). */
const f003 = (code: string, encoding: 'utf-8' | 'windows-1251' = 'utf-8') =>
  directoryFile('F003', [{ code, name: `ГБУЗ «Больница ${code}»`, shortName: `Больница ${code}` }], encoding);
const f003Text = (code: string) => new TextDecoder().decode(f003(code));

// Big payloads, built once when first needed.
let bomb: Uint8Array | undefined;
const theBomb = () => {
  bomb ??= zipBomb(2048, { name: 'bomb.xml' });
  return bomb;
};
const elevenMegabytes = () => `{"padding":"${'x'.repeat(11 * 1024 * 1024)}"}`;

// ─── the catalogue ──────────────────────────────────────────────────────────────────────────────────────────

const restQueryCases: Case[] = [
  // impossible dates in filters
  ...impossibleDates.flatMap((d) => [
    get(`referrals: dateFrom=${d}`, 'test_mo', `/api/v1/referrals?dateFrom=${d}`),
    get(`admissions: dateFrom=${d}`, 'test_hosp', `/api/v1/admissions?dateFrom=${d}`),
    get(`persons: birthDate=${d}`, 'test_tfoms', `/api/v1/persons?birthDate=${d}`),
    get(`free beds: date=${d}`, 'test_mo', `/api/v1/free-beds?date=${d}`),
    get(`НСИ records: validOn=${d}`, 'test_mo', `/api/v1/nsi/directories/V002/records?validOn=${d}`),
  ]),
  get('exchange journal: from=2026-02-31', 'test_tfoms', '/api/v1/exchange-journal?from=2026-02-31'),
  get('exchange journal: kind=unknown', 'test_tfoms', '/api/v1/exchange-journal?kind=unknown'),
  get('exchange journal: status=lost', 'test_mo', '/api/v1/exchange-journal?status=lost'),
  get('exchange journal: sender with a quote', 'test_tfoms', "/api/v1/exchange-journal?sender=99'01"),
  get('exchange journal: page=0', 'test_mo', '/api/v1/exchange-journal?page=0'),
  get('referrals: worklist=unknown', 'test_mo', '/api/v1/referrals?worklist=unknown'),
  get('admissions: worklist=unknown', 'test_hosp', '/api/v1/admissions?worklist=unknown'),
  get('free beds: worklist=unknown', 'test_hosp', '/api/v1/free-beds?worklist=unknown'),
  get('audit: from=0000-00-00', 'test_tfoms', '/api/v1/audit?from=0000-00-00'),
  get('audit: from=2026-02-31', 'test_tfoms', '/api/v1/audit?from=2026-02-31'),
  get('audit: to=2026-13-45', 'test_tfoms', '/api/v1/audit?to=2026-13-45'),
  get('audit: to=9999-99-99', 'test_tfoms', '/api/v1/audit?to=9999-99-99'),
  get('referrals: dateTo=2026-02-31', 'test_mo', '/api/v1/referrals?dateTo=2026-02-31'),
  get('audit export: from=2026-02-31', 'test_tfoms', '/api/v1/audit/export?from=2026-02-31'),
  get(
    'T-file export: from=2026-02-31',
    'test_mo',
    '/api/v1/hospitalisation/files/export?type=T1&from=2026-02-31&to=2026-03-01',
  ),

  // huge, negative, fractional numbers and bad paging
  get('referrals: profile=2147483648', 'test_mo', `/api/v1/referrals?profile=${hugeNumbers.int32Overflow}`),
  get('referrals: profile=9007199254740991', 'test_mo', `/api/v1/referrals?profile=${hugeNumbers.maxSafe}`),
  get('referrals: profile=1e309', 'test_mo', `/api/v1/referrals?profile=${hugeNumbers.infinity}`),
  get('referrals: profile=1.5', 'test_mo', `/api/v1/referrals?profile=${hugeNumbers.fraction}`),
  get(
    'free beds: bedProfile=2147483648',
    'test_mo',
    `/api/v1/free-beds?bedProfile=${hugeNumbers.int32Overflow}`,
  ),
  get(
    'free beds: conditions=9007199254740991',
    'test_mo',
    `/api/v1/free-beds?conditions=${hugeNumbers.maxSafe}`,
  ),
  get('referrals: page=0', 'test_mo', '/api/v1/referrals?page=0'),
  get('referrals: page=-1', 'test_mo', `/api/v1/referrals?page=${hugeNumbers.negative}`),
  get('referrals: page=1.5', 'test_mo', `/api/v1/referrals?page=${hugeNumbers.fraction}`),
  get('referrals: page=1e309', 'test_mo', `/api/v1/referrals?page=${hugeNumbers.infinity}`),
  get('referrals: a 20-digit page', 'test_mo', `/api/v1/referrals?page=${hugeNumbers.twentyDigits}`),
  get('referrals: pageSize=100000', 'test_mo', '/api/v1/referrals?pageSize=100000'),
  get('persons: page=2147483648', 'test_tfoms', `/api/v1/persons?page=${hugeNumbers.int32Overflow}`),
  get('persons: pageSize=0', 'test_tfoms', '/api/v1/persons?pageSize=0'),
  get(
    'НСИ records: page=9007199254740991',
    'test_mo',
    `/api/v1/nsi/directories/V002/records?page=${hugeNumbers.maxSafe}`,
  ),
  get('НСИ records: pageSize=100000', 'test_mo', '/api/v1/nsi/directories/V002/records?pageSize=100000'),
  get('audit: page=0', 'test_tfoms', '/api/v1/audit?page=0'),
  get('audit: pageSize=100000', 'test_tfoms', '/api/v1/audit?pageSize=100000'),
  get('audit: cursor after=abc', 'test_tfoms', '/api/v1/audit?after=abc'),
  get('audit: personId=9007199254740992', 'test_tfoms', '/api/v1/audit?personId=9007199254740992'),
  get('feed: cursor=abc', 'test_mo', '/api/v1/hospitalisation/feeds/referrals?cursor=abc'),
  get('feed: cursor=-1', 'test_mo', '/api/v1/hospitalisation/feeds/referrals?cursor=-1'),
  get(
    'feed: a 20-digit cursor',
    'test_mo',
    `/api/v1/hospitalisation/feeds/referrals?cursor=${hugeNumbers.twentyDigits}`,
  ),
  get(
    'feed: limit=2147483648',
    'test_mo',
    `/api/v1/hospitalisation/feeds/referrals?limit=${hugeNumbers.int32Overflow}`,
  ),
  get(
    'feed: limit=1e309',
    'test_mo',
    `/api/v1/hospitalisation/feeds/referrals?limit=${hugeNumbers.infinity}`,
  ),
  get('T-file journal: page=1.5', 'test_mo', '/api/v1/hospitalisation/files?page=1.5'),
  get('ЕРЗ journal: pageSize=100000', 'test_admin', '/api/v1/erz/imports?pageSize=100000'),

  // query keys that name Object.prototype members
  ...(
    [
      ['referrals: query key __proto__', 'test_mo', '/api/v1/referrals?__proto__=x&pageSize=5'],
      ['referrals: query key constructor', 'test_mo', '/api/v1/referrals?constructor=x&pageSize=5'],
      ['referrals: query key toString', 'test_mo', '/api/v1/referrals?toString=x&pageSize=5'],
      [
        'persons: query keys toString and valueOf',
        'test_tfoms',
        '/api/v1/persons?toString=1&valueOf=1&pageSize=5',
      ],
      ['audit: query key constructor', 'test_tfoms', '/api/v1/audit?constructor=prototype&pageSize=5'],
      ['free beds: query key __proto__[polluted]', 'test_mo', '/api/v1/free-beds?__proto__%5Bpolluted%5D=1'],
      [
        'НСИ records: query key hasOwnProperty',
        'test_mo',
        '/api/v1/nsi/directories/V002/records?hasOwnProperty=1&pageSize=5',
      ],
    ] as const
  ).map(([name, as, path]) =>
    get(name, as, path, {
      expect: { kind: 'ignored-or-refused', volatile: path.startsWith('/api/v1/audit') },
    }),
  ),

  // NUL, injection strings and invalid UTF-8 in filters
  get('persons: q=%00', 'test_tfoms', '/api/v1/persons?q=%00'),
  get('persons: fam=%00', 'test_tfoms', '/api/v1/persons?fam=%00'),
  get('referrals: q=%00', 'test_mo', '/api/v1/referrals?q=%00'),
  get('НСИ records: q=%00', 'test_mo', '/api/v1/nsi/directories/V002/records?q=%00'),
  get('audit: entity=%00', 'test_tfoms', '/api/v1/audit?entity=%00'),
  get(
    'referrals: moCode=SQL injection',
    'test_mo',
    `/api/v1/referrals?moCode=${encodeURIComponent(injections.sql)}`,
  ),
  get('persons: enp=<script>', 'test_tfoms', `/api/v1/persons?enp=${encodeURIComponent(injections.html)}`),
  get(
    'audit: username=SQL injection',
    'test_tfoms',
    `/api/v1/audit?username=${encodeURIComponent(injections.sql)}`,
  ),
  get(
    `referrals: status=${injections.template}`,
    'test_mo',
    `/api/v1/referrals?status=${encodeURIComponent(injections.template)}`,
  ),
  get(
    'referrals: sort=../../etc/passwd',
    'test_mo',
    `/api/v1/referrals?sort=${encodeURIComponent(injections.path)}`,
  ),
  get(
    'admissions: personId=SQL injection',
    'test_hosp',
    `/api/v1/admissions?personId=${encodeURIComponent(injections.sql)}`,
  ),
  get('persons: fam with invalid UTF-8 (%C0%AF)', 'test_tfoms', '/api/v1/persons?fam=%C0%AF%FF'),
  get(
    'НСИ records: q with invalid UTF-8 (%FF%FE)',
    'test_mo',
    '/api/v1/nsi/directories/V002/records?q=%FF%FE',
  ),
];

const restPathCases: Case[] = [
  // another organisation's ids: 404 (as if they did not exist), none of their data
  get('referral of another МО: GET', 'test_mo2', (f) => `/api/v1/referrals/${f.referral.id}`, {
    expect: { kind: 'refused', status: [404] },
    hidden: (f) => [f.referral.number, f.referral.enp],
  }),
  post(
    'referral of another МО: cancel',
    'test_mo2',
    (f) => `/api/v1/referrals/${f.referral.id}/cancel`,
    '{"reason":3}',
    {
      expect: { kind: 'refused', status: [404] },
      hidden: (f) => [f.referral.number, f.referral.enp],
    },
  ),
  post(
    'referral of another МО: admit',
    'test_mo2',
    (f) => `/api/v1/referrals/${f.referral.id}/admit`,
    (f) => JSON.stringify({ departmentCode: f.hf.department.code, date: isoDaysAgo(0), caseNumber: 'X-1' }),
    { expect: { kind: 'refused', status: [404] }, hidden: (f) => [f.referral.number, f.referral.enp] },
  ),
  get('admission of another МО: GET', 'test_mo2', (f) => `/api/v1/admissions/${f.stay.id}`, {
    expect: { kind: 'refused', status: [404] },
    hidden: (f) => [f.stay.enp],
  }),
  post(
    'admission of another МО: discharge',
    'test_mo2',
    (f) => `/api/v1/admissions/${f.stay.id}/discharge`,
    `{"date":"${isoDaysAgo(0)}","outcome":1}`,
    { expect: { kind: 'refused', status: [404] }, hidden: (f) => [f.stay.enp] },
  ),
  get('person outside the МО: card', 'test_mo2', (f) => `/api/v1/persons/${f.person.id}`, {
    expect: { kind: 'refused', status: [404] },
    hidden: (f) => [f.person.enp],
  }),
  get('person outside the МО: access log', 'test_mo2', (f) => `/api/v1/persons/${f.person.id}/access-log`, {
    expect: { kind: 'refused', status: [404] },
    hidden: (f) => [f.person.enp],
  }),
  get('T-file of another МО', 'test_hosp', (f) => `/api/v1/hospitalisation/files/${f.tFileId}`, {
    expect: { kind: 'refused', status: [404] },
  }),
  get('account of another organisation', 'test_smo_admin', '/api/v1/accounts/test_mo', {
    expect: { kind: 'refused', status: [403, 404] },
  }),
  send(
    'organisation update by an МО administrator',
    'test_mo_admin',
    'PUT',
    (f) => `/api/v1/organisations/${f.hf.hospital}`,
    '{"name":"Захват","shortName":"Захват","dateBeg":"2020-01-01"}',
    { expect: { kind: 'refused', status: [403] } },
  ),
  get('ЕРЗ import journal as an МО', 'test_mo', '/api/v1/erz/imports/1', {
    expect: { kind: 'refused', status: [403] },
  }),

  // blank, long, injected and malformed ids in paths
  get('referral id: blank (%20)', 'test_mo', '/api/v1/referrals/%20', {
    expect: { kind: 'refused', status: [404] },
  }),
  get('referral id: 65 characters', 'test_mo', `/api/v1/referrals/${'1'.repeat(65)}`, {
    expect: { kind: 'refused', status: [404] },
  }),
  get('referral id: SQL injection', 'test_mo', `/api/v1/referrals/${encodeURIComponent(injections.sql)}`, {
    expect: { kind: 'refused', status: [404] },
  }),
  get('referral id: ../../etc/passwd (encoded)', 'test_mo', '/api/v1/referrals/..%2F..%2Fetc%2Fpasswd', {
    expect: { kind: 'refused', status: [404] },
  }),
  get('referral id: %00', 'test_mo', '/api/v1/referrals/%00', {
    expect: { kind: 'refused', status: [400, 404] },
  }),
  get('referral id: 20 digits', 'test_mo', `/api/v1/referrals/${hugeNumbers.twentyDigits}`, {
    expect: { kind: 'refused', status: [404] },
  }),
  get('referral id: malformed percent escape (%E0%A4%A)', 'test_mo', '/api/v1/referrals/%E0%A4%A', {
    expect: { kind: 'refused', status: [400, 404] },
  }),
  get('person id: -1', 'test_tfoms', '/api/v1/persons/-1', { expect: { kind: 'refused', status: [404] } }),
  get('person id: 1.5', 'test_tfoms', '/api/v1/persons/1.5', { expect: { kind: 'refused', status: [404] } }),
  get('person id: <script>', 'test_tfoms', `/api/v1/persons/${encodeURIComponent(injections.html)}`, {
    expect: { kind: 'refused', status: [404] },
  }),
  get('organisation code: %00', 'test_nsi', '/api/v1/organisations/%00', {
    expect: { kind: 'refused', status: [400, 404] },
  }),
  get(
    'organisation code: SQL injection',
    'test_nsi',
    `/api/v1/organisations/${encodeURIComponent(injections.sql)}`,
    {
      expect: { kind: 'refused', status: [404] },
    },
  ),
  get(
    `НСИ directory: ${injections.template}`,
    'test_mo',
    `/api/v1/nsi/directories/${encodeURIComponent(injections.template)}/records`,
    {
      expect: { kind: 'refused', status: [404] },
    },
  ),
  get('НСИ directory: %00', 'test_mo', '/api/v1/nsi/directories/%00/versions', {
    expect: { kind: 'refused', status: [400, 404] },
  }),
  get('ЕРЗ import id: abc', 'test_admin', '/api/v1/erz/imports/abc', {
    expect: { kind: 'refused', status: [404] },
  }),
  get('T-file id: 20 digits', 'test_mo', `/api/v1/hospitalisation/files/${hugeNumbers.twentyDigits}`, {
    expect: { kind: 'refused', status: [404] },
  }),
  get('feed name: __proto__', 'test_mo', '/api/v1/hospitalisation/feeds/__proto__', {
    expect: { kind: 'refused', status: [404] },
  }),
  post(
    'package kind: constructor',
    'test_mo',
    '/api/v1/hospitalisation/packages/constructor',
    '{"header":{},"records":[{}]}',
    {
      expect: { kind: 'refused', status: [404] },
    },
  ),
  get('account name: %00', 'test_admin', '/api/v1/accounts/%00', {
    expect: { kind: 'refused', status: [400, 404] },
  }),
];

const restBodyCases: Case[] = [
  // impossible dates
  ...impossibleDates.map((d) =>
    post(
      `referral: date=${d}`,
      'test_mo',
      '/api/v1/referrals',
      (f) => JSON.stringify(restReferral(f, { date: d })),
      {
        db: 'journal',
      },
    ),
  ),
  post(
    'referral: plannedDate=2026-02-31',
    'test_mo',
    '/api/v1/referrals',
    (f) => JSON.stringify(restReferral(f, { plannedDate: '2026-02-31' })),
    { db: 'journal' },
  ),
  post(
    'referral cancel: date=2026-02-31',
    'test_mo',
    (f) => `/api/v1/referrals/${f.referral.id}/cancel`,
    '{"reason":3,"date":"2026-02-31"}',
    {
      db: 'journal',
    },
  ),
  post(
    'emergency admission: date=9999-99-99',
    'test_hosp',
    '/api/v1/admissions',
    (f) => JSON.stringify(admission(f.hf, somePerson(f), { kind: 'emergency', form: 1, date: '9999-99-99' })),
    { db: 'journal' },
  ),
  post(
    'emergency admission: time=25:99',
    'test_hosp',
    '/api/v1/admissions',
    (f) => JSON.stringify(admission(f.hf, somePerson(f), { kind: 'emergency', form: 1, time: '25:99' })),
    { db: 'journal' },
  ),
  post(
    'discharge: date=2026-02-31',
    'test_hosp',
    (f) => `/api/v1/admissions/${f.stay.id}/discharge`,
    '{"date":"2026-02-31","outcome":1}',
    {
      db: 'journal',
    },
  ),
  post(
    'free beds send: forecast date=2026-02-31',
    'test_hosp',
    '/api/v1/free-beds',
    (f) => JSON.stringify({ records: [restFreeBeds(f, { forecast: [{ date: '2026-02-31', free: 1 }] })] }),
    { expect: { kind: 'rejected' }, db: 'journal' },
  ),
  post(
    'free beds send: date=2026-13-45',
    'test_hosp',
    '/api/v1/free-beds',
    (f) => JSON.stringify({ records: [restFreeBeds(f, { date: '2026-13-45' })] }),
    { expect: { kind: 'rejected' }, db: 'journal' },
  ),
  post(
    'affiliation: birthDate=2026-02-31',
    'test_tfoms',
    '/api/v1/persons/affiliation',
    '{"fam":"Иванов","im":"Иван","birthDate":"2026-02-31"}',
  ),
  post(
    'affiliation: birthDate=0000-00-00',
    'test_tfoms',
    '/api/v1/persons/affiliation',
    '{"fam":"Иванов","im":"Иван","birthDate":"0000-00-00"}',
  ),
  post('affiliation: onDate=2026-13-45', 'test_tfoms', '/api/v1/persons/affiliation', (f) =>
    JSON.stringify({ enp: f.person.enp, onDate: '2026-13-45' }),
  ),
  post(
    'package route: record date=2026-02-31',
    'test_mo',
    '/api/v1/hospitalisation/packages/referral',
    (f) =>
      JSON.stringify({
        header: { packageId: `bad-${randomUUID()}`, senderCode: f.hf.polyclinic },
        records: [restReferral(f, { date: '2026-02-31' })],
      }),
    { expect: { kind: 'rejected' }, db: 'journal' },
  ),

  // huge numbers
  post(
    'free beds send: occupiedAtStart=2147483648',
    'test_hosp',
    '/api/v1/free-beds',
    (f) =>
      jsonWith(
        {},
        { records: `[${jsonWith(restFreeBeds(f), { occupiedAtStart: hugeNumbers.int32Overflow })}]` },
      ),
    { expect: { kind: 'rejected' }, db: 'journal' },
  ),
  post(
    'free beds send: freeTotal=9007199254740991',
    'test_hosp',
    '/api/v1/free-beds',
    (f) => jsonWith({}, { records: `[${jsonWith(restFreeBeds(f), { freeTotal: hugeNumbers.maxSafe })}]` }),
    { expect: { kind: 'rejected' }, db: 'journal' },
  ),
  post(
    'free beds send: admitted=1e309',
    'test_hosp',
    '/api/v1/free-beds',
    (f) => jsonWith({}, { records: `[${jsonWith(restFreeBeds(f), { admitted: hugeNumbers.infinity })}]` }),
    { expect: { kind: 'rejected' }, db: 'journal' },
  ),
  post(
    'free beds send: freeMale=-1',
    'test_hosp',
    '/api/v1/free-beds',
    (f) => JSON.stringify({ records: [restFreeBeds(f, { freeMale: -1 })] }),
    { expect: { kind: 'rejected' }, db: 'journal' },
  ),
  post(
    'free beds send: discharged=1.5',
    'test_hosp',
    '/api/v1/free-beds',
    (f) => JSON.stringify({ records: [restFreeBeds(f, { discharged: 1.5 })] }),
    { expect: { kind: 'rejected' }, db: 'journal' },
  ),
  post(
    'hospital plan: year=2147483648',
    'test_hosp',
    '/api/v1/hospital-plans',
    (f) => JSON.stringify({ records: [restPlan(f, { year: 2147483648 })] }),
    { expect: { kind: 'rejected' }, db: 'journal' },
  ),
  post(
    'hospital plan: month=13',
    'test_hosp',
    '/api/v1/hospital-plans',
    (f) => JSON.stringify({ records: [restPlan(f, { month: 13 })] }),
    { expect: { kind: 'rejected' }, db: 'journal' },
  ),
  post(
    'hospital plan: planned=-1',
    'test_hosp',
    '/api/v1/hospital-plans',
    (f) => JSON.stringify({ records: [restPlan(f, { planned: -1 })] }),
    { expect: { kind: 'rejected' }, db: 'journal' },
  ),
  post(
    'referral: form=9007199254740991',
    'test_mo',
    '/api/v1/referrals',
    (f) => JSON.stringify(restReferral(f, { form: 9007199254740991 })),
    { db: 'journal' },
  ),
  post(
    'referral: conditions=2147483648',
    'test_mo',
    '/api/v1/referrals',
    (f) => JSON.stringify(restReferral(f, { conditions: 2147483648 })),
    { db: 'journal' },
  ),
  post(
    'referral cancel: reason=2147483648',
    'test_mo',
    (f) => `/api/v1/referrals/${f.referral.id}/cancel`,
    '{"reason":2147483648}',
    {
      db: 'journal',
    },
  ),
  post(
    'referral cancel: reason=1.5',
    'test_mo',
    (f) => `/api/v1/referrals/${f.referral.id}/cancel`,
    '{"reason":1.5}',
    {
      db: 'journal',
    },
  ),
  post('package route: 5001 records', 'test_mo', '/api/v1/hospitalisation/packages/referral', (f) =>
    JSON.stringify({
      header: { packageId: `bad-${randomUUID()}`, senderCode: f.hf.polyclinic },
      records: Array.from({ length: 5001 }, () => ({})),
    }),
  ),

  // blank, whitespace and 65-character ids
  post(
    'referral: sourceId empty',
    'test_mo',
    '/api/v1/referrals',
    (f) => JSON.stringify(restReferral(f, { sourceId: '' })),
    {
      db: 'journal',
    },
  ),
  post(
    'referral: sourceId whitespace',
    'test_mo',
    '/api/v1/referrals',
    (f) => JSON.stringify(restReferral(f, { sourceId: '   ' })),
    {
      db: 'journal',
    },
  ),
  post(
    'referral: sourceId of 65 characters',
    'test_mo',
    '/api/v1/referrals',
    (f) => JSON.stringify(restReferral(f, { sourceId: 's'.repeat(65) })),
    { db: 'journal' },
  ),
  post('package route: packageId whitespace', 'test_mo', '/api/v1/hospitalisation/packages/referral', (f) =>
    JSON.stringify({ header: { packageId: '   ', senderCode: f.hf.polyclinic }, records: [restReferral(f)] }),
  ),
  post(
    'package route: packageId of 65 characters',
    'test_mo',
    '/api/v1/hospitalisation/packages/referral',
    (f) =>
      JSON.stringify({
        header: { packageId: 'p'.repeat(65), senderCode: f.hf.polyclinic },
        records: [restReferral(f)],
      }),
  ),
  post('login: username whitespace', 'test_mo', '/api/v1/auth/login', '{"username":"   ","password":"x"}', {
    as: '',
    expect: { kind: 'refused', status: [400, 401] },
  }),
  post(
    'login: username of 65 characters',
    '',
    '/api/v1/auth/login',
    `{"username":"${'u'.repeat(65)}","password":"x"}`,
    {
      expect: { kind: 'refused', status: [400, 401] },
    },
  ),
  post('account: username of 65 characters', 'test_mo_admin', '/api/v1/accounts', (f) =>
    JSON.stringify({
      username: 'a'.repeat(65),
      kind: 'person',
      fullName: 'Иванов Иван',
      role: 'mo_registrar',
      orgCode: f.hf.polyclinic,
    }),
  ),

  // injection strings in ids and codes
  post(
    'referral: toMoCode=SQL injection',
    'test_mo',
    '/api/v1/referrals',
    (f) => JSON.stringify(restReferral(f, { toMoCode: injections.sql })),
    { db: 'journal' },
  ),
  post(
    'referral: diagnosis=<script>',
    'test_mo',
    '/api/v1/referrals',
    (f) => JSON.stringify(restReferral(f, { diagnosis: injections.html })),
    { db: 'journal' },
  ),
  post(
    `referral: patient ЕНП=${injections.template}`,
    'test_mo',
    '/api/v1/referrals',
    (f) => JSON.stringify(restReferral(f, { patient: { enp: injections.template } })),
    { db: 'journal' },
  ),
  post(
    'affiliation: fam with NUL',
    'test_tfoms',
    '/api/v1/persons/affiliation',
    '{"fam":"Ива\\u0000нов","im":"Иван","birthDate":"1980-01-01"}',
  ),
  post(
    'affiliation: fam with a lone surrogate (\\ud800)',
    'test_tfoms',
    '/api/v1/persons/affiliation',
    '{"fam":"Ива\\ud800нов","im":"Иван","birthDate":"1980-01-01"}',
  ),
  post(
    'free beds send: departmentCode with a lone surrogate (\\udfff)',
    'test_hosp',
    '/api/v1/free-beds',
    (f) => JSON.stringify({ records: [restFreeBeds(f)] }).replace(`"${f.hf.department.code}"`, '"\\udfff"'),
    { expect: { kind: 'rejected' }, db: 'journal' },
  ),
  post(
    'affiliation: ЕНП=SQL injection',
    'test_tfoms',
    '/api/v1/persons/affiliation',
    JSON.stringify({ enp: injections.sql }),
  ),
  post(
    'package route: senderCode=../../etc/passwd',
    'test_mo',
    '/api/v1/hospitalisation/packages/referral',
    (f) =>
      JSON.stringify({
        header: { packageId: `bad-${randomUUID()}`, senderCode: injections.path },
        records: [restReferral(f)],
      }),
    { expect: { kind: 'refused', status: [400, 403] } },
  ),
  post(
    'organisation: code=../../etc/passwd',
    'test_nsi',
    '/api/v1/organisations',
    JSON.stringify({
      code: injections.path,
      kind: 'MO',
      name: 'Больница',
      shortName: 'Больница',
      dateBeg: '2020-01-01',
    }),
  ),

  // malformed JSON
  post('referral: malformed JSON «{»', 'test_mo', '/api/v1/referrals', '{'),
  post('affiliation: malformed JSON «{"enp":}»', 'test_tfoms', '/api/v1/persons/affiliation', '{"enp":}'),
  post('free beds: malformed JSON «[1,]»', 'test_hosp', '/api/v1/free-beds', '[1,]'),
  post('login: malformed JSON «nul»', '', '/api/v1/auth/login', 'nul'),
  post(
    'package route: truncated JSON',
    'test_mo',
    '/api/v1/hospitalisation/packages/referral',
    '{"header":{"packageId":"x","senderCode":"99',
  ),
  post('referral cancel: JSON «NaN»', 'test_mo', (f) => `/api/v1/referrals/${f.referral.id}/cancel`, 'NaN'),

  // 10,000 nested arrays
  post('referral: 10,000 nested arrays', 'test_mo', '/api/v1/referrals', deepJsonArrays(10_000)),
  post(
    'package route: records of 10,000 nested arrays',
    'test_mo',
    '/api/v1/hospitalisation/packages/referral',
    (f) =>
      jsonWith(
        { header: { packageId: `bad-${randomUUID()}`, senderCode: f.hf.polyclinic } },
        { records: `[${deepJsonArrays(10_000)}]` },
      ),
    { expect: { kind: 'rejected' }, db: 'journal' },
  ),
  post('login: 10,000 nested arrays', '', '/api/v1/auth/login', deepJsonArrays(10_000)),
  post(
    'free beds: forecast of 10,000 nested arrays',
    'test_hosp',
    '/api/v1/free-beds',
    (f) => jsonWith({}, { records: `[${jsonWith(restFreeBeds(f), { forecast: deepJsonArrays(10_000) })}]` }),
    { expect: { kind: 'rejected' }, db: 'journal' },
  ),
  post(
    'affiliation: fam of 10,000 nested arrays',
    'test_tfoms',
    '/api/v1/persons/affiliation',
    `{"fam":${deepJsonArrays(10_000)}}`,
  ),

  // __proto__ and constructor keys
  post(
    'referral: every field under __proto__',
    'test_mo',
    '/api/v1/referrals',
    (f) => `{"__proto__":${JSON.stringify(restReferral(f))}}`,
    { db: 'journal' },
  ),
  post(
    'free beds: record with constructor.prototype',
    'test_hosp',
    '/api/v1/free-beds',
    '{"records":[{"constructor":{"prototype":{"polluted":"yes"}},"__proto__":{"polluted":"yes"}}]}',
    { expect: { kind: 'rejected' }, db: 'journal' },
  ),
  post(
    'login: credentials under __proto__',
    '',
    '/api/v1/auth/login',
    '{"__proto__":{"username":"test_mo","password":"test_mo"}}',
    {
      expect: { kind: 'refused', status: [400, 401] },
    },
  ),
  post(
    'package route: header under __proto__',
    'test_mo',
    '/api/v1/hospitalisation/packages/referral',
    (f) =>
      `{"header":{"__proto__":{"packageId":"bad-${randomUUID()}","senderCode":"${f.hf.polyclinic}"}},"records":[${JSON.stringify(restReferral(f))}]}`,
  ),
  post(
    'affiliation: ЕНП under __proto__',
    'test_tfoms',
    '/api/v1/persons/affiliation',
    (f) => `{"__proto__":{"enp":"${f.person.enp}"}}`,
    {
      hidden: (f) => [f.person.enp],
    },
  ),

  // wrong Content-Type
  post('login: form-urlencoded body', '', '/api/v1/auth/login', 'username=test_mo&password=test_mo', {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    expect: { kind: 'refused', status: [400, 401, 415] },
  }),
  post(
    'referral: XML body as application/xml',
    'test_mo',
    '/api/v1/referrals',
    '<referral><number>1</number></referral>',
    {
      headers: { 'content-type': 'application/xml' },
    },
  ),
  post('affiliation: text/plain body', 'test_tfoms', '/api/v1/persons/affiliation', 'hello', {
    headers: { 'content-type': 'text/plain' },
  }),

  // invalid UTF-8 bytes
  post(
    'referral cancel: comment with invalid UTF-8',
    'test_mo',
    (f) => `/api/v1/referrals/${f.referral.id}/cancel`,
    withInvalidUtf8('{"reason":3,"comment":"', '"}'),
    { db: 'journal' },
  ),
  post(
    'affiliation: fam with invalid UTF-8',
    'test_tfoms',
    '/api/v1/persons/affiliation',
    withInvalidUtf8('{"fam":"', '","im":"Иван","birthDate":"1980-01-01"}'),
  ),

  // over the size limit
  post('referral: 11 MB body', 'test_mo', '/api/v1/referrals', () => elevenMegabytes(), {
    expect: { kind: 'refused', status: [413] },
  }),
  post(
    'package route: 10.5 MB of records',
    'test_mo',
    '/api/v1/hospitalisation/packages/referral',
    (f) =>
      JSON.stringify({
        header: { packageId: `bad-${randomUUID()}`, senderCode: f.hf.polyclinic },
        records: Array.from({ length: 4000 }, () => ({ comment: 'x'.repeat(2750) })),
      }),
    { expect: { kind: 'refused', status: [413] } },
  ),

  // wrong credentials
  post('login: wrong password', '', '/api/v1/auth/login', '{"username":"test_mo_head","password":"wrong"}', {
    expect: { kind: 'refused', status: [401] },
  }),
  post(
    'login: unknown user',
    '',
    '/api/v1/auth/login',
    '{"username":"nobody_here","password":"nobody_here"}',
    {
      expect: { kind: 'refused', status: [401] },
    },
  ),
  {
    ...get('me: a garbage bearer token', '', '/api/v1/me', { expect: { kind: 'refused', status: [401] } }),
    request: () => ({ method: 'GET', path: '/api/v1/me', headers: { authorization: 'Bearer not.a.token' } }),
  },
  {
    ...get('me: an unsigned (alg none) token', '', '/api/v1/me', {
      expect: { kind: 'refused', status: [401] },
    }),
    request: () => {
      const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const token = `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: 'test_admin', 'cognito:username': 'test_admin', 'custom:role': 'fund_admin', 'custom:org_code': '99', exp: 4102444800 })}.`;
      return { method: 'GET', path: '/api/v1/me', headers: { authorization: `Bearer ${token}` } };
    },
  },
  {
    ...get('referrals: an empty bearer', '', '/api/v1/referrals', {
      expect: { kind: 'refused', status: [401] },
    }),
    request: () => ({ method: 'GET', path: '/api/v1/referrals', headers: { authorization: 'Bearer ' } }),
  },
];

const soapCases: Case[] = [
  // malformed XML
  soap('malformed XML: unclosed element', 'HospitalizationService', () =>
    hospCall('GetFreeBedsRequest', '<m:Limit>1</m:Limit>').replace('</soap:Body>', ''),
  ),
  soap('malformed XML: «<<» in text', 'HospitalizationService', () =>
    hospCall('GetFreeBedsRequest', '<m:Limit><<1</m:Limit>'),
  ),
  soap(
    'malformed XML: text before the root',
    'HospitalizationService',
    () => `garbage${hospCall('GetFreeBedsRequest', '')}`,
  ),
  soap('not XML at all', 'ErzService', () => 'hello, world'),
  soap('malformed XML: truncated envelope', 'ErzService', () =>
    erzCall('GetInsuranceAffiliationRequest', '<m:Enp>1</m:Enp>').slice(0, 200),
  ),

  // DOCTYPE: XXE, billion laughs
  soap('DOCTYPE: external entity (XXE)', 'HospitalizationService', () =>
    withDoctype(
      hospCall('GetFreeBedsRequest', '<m:ChangedSince>&xxe;</m:ChangedSince>'),
      xxeDoctype('soap:Envelope'),
    ),
  ),
  soap('DOCTYPE: billion laughs', 'ErzService', () =>
    withDoctype(
      erzCall('GetInsuranceAffiliationRequest', '<m:Fam>&h;</m:Fam>'),
      billionLaughsDoctype('soap:Envelope'),
    ),
  ),
  soap('DOCTYPE without entities', 'NsiService', () =>
    withDoctype(nsiCall('<m:DirectoryCode>V002</m:DirectoryCode>'), '<!DOCTYPE soap:Envelope>'),
  ),
  soap('DOCTYPE: parameter entity', 'NsiService', () =>
    withDoctype(
      nsiCall('<m:DirectoryCode>V002</m:DirectoryCode>'),
      '<!DOCTYPE x [<!ENTITY % p SYSTEM "http://127.0.0.1:1/evil.dtd"> %p;]>',
    ),
  ),

  // over the size limit
  soap(
    '6 MB request',
    'HospitalizationService',
    () => hospCall('GetFreeBedsRequest', `<m:Limit>1</m:Limit><!--${'x'.repeat(6 * 1024 * 1024)}-->`),
    { expect: { kind: 'refused', status: [400, 413] } },
  ),

  // encodings
  soap('invalid UTF-8 bytes', 'ErzService', () => {
    const [before, after] = erzCall('GetInsuranceAffiliationRequest', '<m:Fam>X</m:Fam>').split('X') as [
      string,
      string,
    ];
    return withInvalidUtf8(before, after);
  }),
  soap('windows-1251 bytes declared UTF-8', 'ErzService', () =>
    cp1251(
      erzCall(
        'GetInsuranceAffiliationRequest',
        '<m:Fam>Иванов</m:Fam><m:Im>Иван</m:Im><m:BirthDate>1980-01-01</m:BirthDate>',
      ),
    ),
  ),
  soap(
    'UTF-16 request',
    'ErzService',
    () => utf16le(erzCall('GetInsuranceAffiliationRequest', '<m:Enp>1</m:Enp>', 'soap_tfoms')),
    {
      headers: { 'content-type': 'text/xml' },
    },
  ),
  soap('charset=koi8-r', 'ErzService', () => erzCall('GetInsuranceAffiliationRequest', '<m:Enp>1</m:Enp>'), {
    headers: { 'content-type': 'text/xml; charset=koi8-r' },
  }),

  // dispatch: operations, bodies, SOAPAction
  soap('unknown operation', 'HospitalizationService', () => hospCall('DeleteEverythingRequest', '')),
  soap('empty Body', 'HospitalizationService', () =>
    soapEnvelope({ ns: soapNs.hospitalisation, element: null, auth: { username: 'soap_mo' } }),
  ),
  soap('two operations in one Body', 'HospitalizationService', (f) =>
    sendReferrals(f).replace(
      '</soap:Body>',
      '<m:GetFreeBedsRequest><m:Limit>1</m:Limit></m:GetFreeBedsRequest></soap:Body>',
    ),
  ),
  soap('operation element in another namespace', 'HospitalizationService', (f) =>
    sendReferrals(f).replace(`xmlns:m="${soapNs.hospitalisation}"`, `xmlns:m="${soapNs.erz}"`),
  ),
  soap('SOAP 1.2 envelope on a SOAP 1.1 service', 'HospitalizationService', () =>
    soapEnvelope({
      ns: soapNs.hospitalisation,
      element: 'GetFreeBedsRequest',
      inner: '<m:Limit>1</m:Limit>',
      auth: { username: 'soap_mo' },
      envelopeNs: soapNs.envelope12,
    }),
  ),
  soap('SOAPAction of a read with a write in the Body', 'HospitalizationService', (f) => sendReferrals(f), {
    headers: { ...xmlType, soapaction: `"${soapNs.hospitalisation}#GetFreeBeds"` },
  }),
  soap(
    'SOAPAction naming an unknown operation',
    'HospitalizationService',
    () => hospCall('GetFreeBedsRequest', '<m:Limit>1</m:Limit>'),
    {
      headers: { ...xmlType, soapaction: `"${soapNs.hospitalisation}#DropTables"` },
    },
  ),
  soap(
    'request element without an Envelope',
    'HospitalizationService',
    () =>
      `<?xml version="1.0"?><m:GetFreeBedsRequest xmlns:m="${soapNs.hospitalisation}"><m:Limit>1</m:Limit></m:GetFreeBedsRequest>`,
  ),

  // credentials
  soap(
    'wrong password (WS-Security)',
    'HospitalizationService',
    () =>
      soapEnvelope({
        ns: soapNs.hospitalisation,
        element: 'GetFreeBedsRequest',
        inner: '',
        auth: { username: 'soap_smo', password: 'wrong' },
      }),
    { expect: { kind: 'refused', status: [401, 400] } },
  ),
  soap(
    'wrong password (HTTP Basic)',
    'HospitalizationService',
    () => soapEnvelope({ ns: soapNs.hospitalisation, element: 'GetFreeBedsRequest', inner: '', auth: null }),
    {
      headers: { ...xmlType, authorization: basicAuth('soap_smo', 'wrong') },
      expect: { kind: 'refused', status: [401, 400] },
    },
  ),
  soap(
    'unknown system account',
    'ErzService',
    () =>
      soapEnvelope({
        ns: soapNs.erz,
        element: 'GetInsuranceAffiliationRequest',
        inner: '<m:Enp>1</m:Enp>',
        auth: { username: 'nobody', password: 'x' },
      }),
    { expect: { kind: 'refused', status: [401, 400] } },
  ),
  soap(
    'no credentials',
    'NsiService',
    () => soapEnvelope({ ns: soapNs.nsi, element: 'GetDirectoriesRequest', inner: '', auth: null }),
    { expect: { kind: 'refused', status: [401, 400] } },
  ),
  soap(
    'malformed Basic header',
    'NsiService',
    () => soapEnvelope({ ns: soapNs.nsi, element: 'GetDirectoriesRequest', inner: '', auth: null }),
    {
      headers: { ...xmlType, authorization: 'Basic %%%not-base64' },
      expect: { kind: 'refused', status: [401, 400] },
    },
  ),
  soap(
    'WS-Security with an empty password',
    'NsiService',
    () =>
      soapEnvelope({
        ns: soapNs.nsi,
        element: 'GetDirectoriesRequest',
        inner: '',
        auth: { username: 'soap_mo2', password: '' },
      }),
    { expect: { kind: 'refused', status: [401, 400] } },
  ),
  soap(
    'МО system sends an ЕРЗ extract',
    'ErzService',
    () =>
      erzCall(
        'SendErzExtractRequest',
        `${xmlOf('Header', soapHeader(fx.tfoms))}${xmlOf('Person', [soapErzPerson(nextErzPerson())])}`,
        'soap_mo',
      ),
    {
      expect: { kind: 'refused', status: [403, 400] },
    },
  ),

  // impossible dates
  ...impossibleDates.map((d) =>
    soap(`affiliation: BirthDate=${d}`, 'ErzService', () =>
      erzCall(
        'GetInsuranceAffiliationRequest',
        `<m:Fam>Иванов</m:Fam><m:Im>Иван</m:Im><m:BirthDate>${d}</m:BirthDate>`,
      ),
    ),
  ),
  soap('affiliation: OnDate=2026-02-31', 'ErzService', (f) =>
    erzCall(
      'GetInsuranceAffiliationRequest',
      `<m:Enp>${f.person.enp}</m:Enp><m:OnDate>2026-02-31</m:OnDate>`,
    ),
  ),
  soap('НСИ records: ValidOn=2026-02-31', 'NsiService', () =>
    nsiCall('<m:DirectoryCode>V002</m:DirectoryCode><m:ValidOn>2026-02-31</m:ValidOn>'),
  ),
  soap('НСИ records: ValidOn=9999-99-99', 'NsiService', () =>
    nsiCall('<m:DirectoryCode>V002</m:DirectoryCode><m:ValidOn>9999-99-99</m:ValidOn>'),
  ),
  soap(
    'SendReferrals: Date=2026-02-31',
    'HospitalizationService',
    (f) => sendReferrals(f, { Date: '2026-02-31' }),
    {
      expect: { kind: 'rejected' },
      db: 'journal',
    },
  ),
  soap(
    'SendReferrals: PlannedDate=2026-13-45',
    'HospitalizationService',
    (f) => sendReferrals(f, { PlannedDate: '2026-13-45' }),
    {
      expect: { kind: 'rejected' },
      db: 'journal',
    },
  ),
  soap(
    'SendFreeBeds: Date=2026-02-31',
    'HospitalizationService',
    (f) =>
      hospCall(
        'SendFreeBedsRequest',
        `${xmlOf('Header', soapHeader(f.hf.hospital))}${xmlOf('FreeBeds', {
          SourceId: randomUUID(),
          Date: '2026-02-31',
          MoCode: f.hf.hospital,
          DepartmentCode: f.hf.department.code,
          Conditions: f.hf.department.conditions,
          BedProfile: f.hf.department.bedProfile,
          Profile: f.hf.department.profile,
          OccupiedAtStart: 1,
          Admitted: 0,
          Discharged: 0,
          PlannedToday: 0,
          FreeTotal: 1,
          FreeMale: 1,
          FreeFemale: 0,
          FreeAdult: 1,
          FreeChild: 0,
        })}`,
        'soap_hosp',
      ),
    { expect: { kind: 'rejected' }, db: 'journal' },
  ),
  soap(
    'SendErzExtract: BirthDate=2026-02-31',
    'ErzService',
    () => sendErz([soapErzPerson(nextErzPerson(), { BirthDate: '2026-02-31' })]),
    {
      expect: { kind: 'rejected' },
      db: 'journal',
    },
  ),
  soap(
    'SendErzExtract: policy DateBeg=0000-00-00',
    'ErzService',
    () => {
      const p = nextErzPerson();
      return sendErz([
        soapErzPerson(p, { Policy: [{ ...soapErzPerson(p).Policy[0], DateBeg: '0000-00-00' }] }),
      ]);
    },
    { expect: { kind: 'rejected' }, db: 'journal' },
  ),

  // huge numbers
  soap('GetFreeBeds: Limit=2147483648', 'HospitalizationService', () =>
    hospCall('GetFreeBedsRequest', `<m:Limit>${hugeNumbers.int32Overflow}</m:Limit>`),
  ),
  soap('GetFreeBeds: Limit=-1', 'HospitalizationService', () =>
    hospCall('GetFreeBedsRequest', '<m:Limit>-1</m:Limit>'),
  ),
  soap('GetFreeBeds: Limit=1.5', 'HospitalizationService', () =>
    hospCall('GetFreeBedsRequest', '<m:Limit>1.5</m:Limit>'),
  ),
  soap('GetFreeBeds: Limit=1e309', 'HospitalizationService', () =>
    hospCall('GetFreeBedsRequest', `<m:Limit>${hugeNumbers.infinity}</m:Limit>`),
  ),
  soap('НСИ records: Page=2147483648', 'NsiService', () =>
    nsiCall(`<m:DirectoryCode>V002</m:DirectoryCode><m:Page>${hugeNumbers.int32Overflow}</m:Page>`),
  ),
  soap('НСИ records: a 20-digit Page', 'NsiService', () =>
    nsiCall(`<m:DirectoryCode>V002</m:DirectoryCode><m:Page>${hugeNumbers.twentyDigits}</m:Page>`),
  ),
  soap('НСИ records: PageSize=9007199254740991', 'NsiService', () =>
    nsiCall(`<m:DirectoryCode>V002</m:DirectoryCode><m:PageSize>${hugeNumbers.maxSafe}</m:PageSize>`),
  ),
  soap(
    'SendReferrals: Form=9007199254740991',
    'HospitalizationService',
    (f) => sendReferrals(f, { Form: hugeNumbers.maxSafe }),
    {
      expect: { kind: 'rejected' },
      db: 'journal',
    },
  ),
  soap(
    'SendReferrals: BedProfile=2147483648',
    'HospitalizationService',
    (f) => sendReferrals(f, { BedProfile: hugeNumbers.int32Overflow }),
    {
      expect: { kind: 'rejected' },
      db: 'journal',
    },
  ),
  soap(
    'SendErzExtract: Sex=2147483648',
    'ErzService',
    () => sendErz([soapErzPerson(nextErzPerson(), { Sex: hugeNumbers.int32Overflow })]),
    {
      expect: { kind: 'rejected' },
      db: 'journal',
    },
  ),

  // missing, extra and duplicated elements
  soap('SendReferrals without Header', 'HospitalizationService', (f) =>
    hospCall('SendReferralsRequest', xmlOf('Referral', soapReferral(f))),
  ),
  soap('SendReferrals: Header without PackageId', 'HospitalizationService', (f) =>
    hospCall(
      'SendReferralsRequest',
      `${xmlOf('Header', { SenderCode: f.soapMo })}${xmlOf('Referral', soapReferral(f))}`,
    ),
  ),
  soap(
    'SendReferrals without any Referral',
    'HospitalizationService',
    (f) => hospCall('SendReferralsRequest', xmlOf('Header', soapHeader(f.soapMo))),
    { db: 'journal' },
  ),
  soap(
    'SendReferrals: Referral without Patient',
    'HospitalizationService',
    (f) => sendReferrals(f, { Patient: undefined }),
    {
      expect: { kind: 'rejected' },
      db: 'journal',
    },
  ),
  soap(
    'SendReferrals: Referral with an unknown element',
    'HospitalizationService',
    (f) => sendReferrals(f).replace('</m:Referral>', '<m:IsAdmin>true</m:IsAdmin></m:Referral>'),
    { expect: { kind: 'rejected' }, db: 'journal' },
  ),
  soap(
    'SendReferrals: Referral with Date twice',
    'HospitalizationService',
    (f) => sendReferrals(f).replace(/(<m:Date>[^<]*<\/m:Date>)/, `$1<m:Date>${isoDaysAgo(30)}</m:Date>`),
    { expect: { kind: 'rejected' }, db: 'journal' },
  ),
  soap('SendReferrals: two Header elements', 'HospitalizationService', (f) =>
    hospCall(
      'SendReferralsRequest',
      `${xmlOf('Header', soapHeader(f.soapMo))}${xmlOf('Header', soapHeader(f.mo2))}${xmlOf('Referral', soapReferral(f))}`,
    ),
  ),
  soap('affiliation without any identifier', 'ErzService', () =>
    erzCall('GetInsuranceAffiliationRequest', ''),
  ),
  soap(
    'SendErzExtract: Person without Policy',
    'ErzService',
    () => sendErz([soapErzPerson(nextErzPerson(), { Policy: undefined })]),
    {
      expect: { kind: 'rejected' },
      db: 'journal',
    },
  ),
  soap(
    'SendErzExtract: Person with Enp twice',
    'ErzService',
    () => {
      const p = soapErzPerson(nextErzPerson());
      return sendErz(
        xmlOf('Person', p).replace(/(<m:Enp>[^<]*<\/m:Enp>)/, '$1<m:Enp>9980000000000001</m:Enp>'),
      );
    },
    { expect: { kind: 'rejected' }, db: 'journal' },
  ),

  // blank and over-long ids, bad cursors
  soap('SendReferrals: PackageId whitespace', 'HospitalizationService', (f) =>
    hospCall(
      'SendReferralsRequest',
      `${xmlOf('Header', soapHeader(f.soapMo, { PackageId: '   ' }))}${xmlOf('Referral', soapReferral(f))}`,
    ),
  ),
  soap('SendReferrals: PackageId of 65 characters', 'HospitalizationService', (f) =>
    hospCall(
      'SendReferralsRequest',
      `${xmlOf('Header', soapHeader(f.soapMo, { PackageId: 'p'.repeat(65) }))}${xmlOf('Referral', soapReferral(f))}`,
    ),
  ),
  soap(
    'SendReferrals: SourceId whitespace',
    'HospitalizationService',
    (f) => sendReferrals(f, { SourceId: '   ' }),
    {
      expect: { kind: 'rejected' },
      db: 'journal',
    },
  ),
  soap(
    'SendReferrals: SourceId of 65 characters',
    'HospitalizationService',
    (f) => sendReferrals(f, { SourceId: 's'.repeat(65) }),
    {
      expect: { kind: 'rejected' },
      db: 'journal',
    },
  ),
  soap('GetReferrals: ChangedSince=abc', 'HospitalizationService', () =>
    hospCall('GetReferralsRequest', '<m:ChangedSince>abc</m:ChangedSince>'),
  ),

  // injection strings
  soap(
    'affiliation: Enp=SQL injection',
    'ErzService',
    () => erzCall('GetInsuranceAffiliationRequest', xmlOf('Enp', injections.sql)),
    { expect: { kind: 'rejected' } },
  ),
  soap('НСИ records: DirectoryCode=../../etc/passwd', 'NsiService', () =>
    nsiCall(xmlOf('DirectoryCode', injections.path)),
  ),
  soap(
    'SendReferrals: SenderCode=<script>',
    'HospitalizationService',
    (f) =>
      hospCall(
        'SendReferralsRequest',
        `${xmlOf('Header', soapHeader(injections.html))}${xmlOf('Referral', soapReferral(f))}`,
      ),
    { expect: { kind: 'refused', status: [400, 403] } },
  ),
  soap(`GetReferrals: ChangedSince=${injections.template}`, 'HospitalizationService', () =>
    hospCall('GetReferralsRequest', xmlOf('ChangedSince', injections.template)),
  ),
  soap(
    'SendReferrals: ToMoCode=SQL injection',
    'HospitalizationService',
    (f) => sendReferrals(f, { ToMoCode: injections.sql }),
    {
      expect: { kind: 'rejected' },
      db: 'journal',
    },
  ),

  // another organisation
  soap(
    'SendReferrals for another МО (SenderCode)',
    'HospitalizationService',
    (f) =>
      hospCall(
        'SendReferralsRequest',
        `${xmlOf('Header', soapHeader(f.mo2))}${xmlOf('Referral', soapReferral(f, { FromMoCode: f.mo2 }))}`,
      ),
    { expect: { kind: 'refused', status: [400, 403] } },
  ),
  soap(
    'SendCancellations of another МО’s referral',
    'HospitalizationService',
    (f) =>
      hospCall(
        'SendCancellationsRequest',
        `${xmlOf('Header', soapHeader(f.mo2))}${xmlOf('Cancellation', {
          SourceId: randomUUID(),
          ReferralNumber: f.referral.number,
          ReferralDate: isoDaysAgo(3),
          Reason: 3,
          Date: isoDaysAgo(0),
        })}`,
        'soap_mo2',
      ),
    { expect: { kind: 'rejected' }, db: 'journal', hidden: (f) => [f.referral.enp] },
  ),
  soap(
    'SendErzExtract: 5001 persons',
    'ErzService',
    () =>
      sendErz(
        Array.from({ length: 5001 }, () =>
          soapErzPerson(nextErzPerson(), {
            Document: undefined,
            Attachment: undefined,
            Phone: undefined,
            Snils: undefined,
          }),
        ),
      ),
    { expect: { kind: 'rejected' }, db: 'journal' },
  ),
];

/** RegistryService: the package inline (its checks, before anything is registered) and reading imports. */
const registrySoapCases: Case[] = [
  soap('SendRegistry: Package is not base64', 'RegistryService', (f) =>
    sendRegistry(f, { pkg: xmlOf('Package', 'это не base64!') }),
  ),
  soap('SendRegistry: empty Package', 'RegistryService', (f) => sendRegistry(f, { pkg: '<m:Package/>' })),
  soap('SendRegistry: Package without the element', 'RegistryService', (f) => sendRegistry(f, { pkg: '' })),
  soap('SendRegistry: Package is XML, not a ZIP', 'RegistryService', (f) =>
    sendRegistry(f, { pkg: xmlOf('Package', b64(utf8('<ZL_LIST/>'))) }),
  ),
  soap('SendRegistry: Package holds elements', 'RegistryService', (f) =>
    sendRegistry(f, { pkg: '<m:Package><m:Zip>UEsDBA==</m:Zip></m:Package>' }),
  ),
  soap('SendRegistry: package over 3 MB', 'RegistryService', (f) =>
    sendRegistry(f, { pkg: xmlOf('Package', b64(new Uint8Array(3 * 1024 * 1024 + 1).fill(0x50))) }),
  ),
  soap(
    'SendRegistry: request over 4.4 MB',
    'RegistryService',
    (f) => sendRegistry(f, { pkg: xmlOf('Package', 'A'.repeat(4.5 * 1024 * 1024)) }),
    { expect: { kind: 'refused', status: [413] } },
  ),
  soap(
    'SendRegistry: FileName with a path',
    'RegistryService',
    (f) => sendRegistry(f, { fileName: '../../etc/HM640001T64_230101.zip' }),
    { echoes: ['../../etc/HM640001T64_230101.zip'] },
  ),
  soap('SendRegistry: FileName is not a .zip', 'RegistryService', (f) =>
    sendRegistry(f, { fileName: 'HM640001T64_230101.xml' }),
  ),
  soap('SendRegistry: FileName missing', 'RegistryService', (f) => sendRegistry(f, { fileName: null })),
  soap('SendRegistry: Header missing', 'RegistryService', (f) => sendRegistry(f, { header: '' })),
  soap('SendRegistry: for another МО', 'RegistryService', (f) => sendRegistry(f, { sender: f.soapMo2 }), {
    expect: { kind: 'refused', status: [403, 400] },
  }),
  soap(
    'SendRegistry: СМО system sends a registry',
    'RegistryService',
    (f) => sendRegistry(f, {}, 'soap_smo'),
    { expect: { kind: 'refused', status: [403, 400] } },
  ),
  soap(
    'GetRegistryStatus: another МО’s import',
    'RegistryService',
    (f) => registryCall('GetRegistryStatusRequest', xmlOf('ImportId', f.registryOfMo2.id)),
    { hidden: (f) => [f.registryOfMo2.fileName] },
  ),
  soap(
    'GetRegistryProtocol: another МО’s import',
    'RegistryService',
    (f) => registryCall('GetRegistryProtocolRequest', xmlOf('ImportId', f.registryOfMo2.id)),
    { hidden: (f) => [f.registryOfMo2.fileName] },
  ),
  soap(
    'GetRegistryProtocol: СМО system asks for an МО’s import',
    'RegistryService',
    (f) => registryCall('GetRegistryProtocolRequest', xmlOf('ImportId', f.registryOfMo2.id), 'soap_smo'),
    { hidden: (f) => [f.registryOfMo2.fileName] },
  ),
  soap(
    'GetRegistryStatus: the fund’s РС ЕРЗ system',
    'RegistryService',
    (f) => registryCall('GetRegistryStatusRequest', xmlOf('ImportId', f.registryOfMo2.id), 'soap_tfoms'),
    { expect: { kind: 'refused', status: [403, 400] }, hidden: (f) => [f.registryOfMo2.fileName] },
  ),
  soap('GetRegistryStatus: ImportId is SQL', 'RegistryService', () =>
    registryCall('GetRegistryStatusRequest', xmlOf('ImportId', "1' or '1'='1")),
  ),
  soap('GetRegistryStatus: ImportId 0', 'RegistryService', () =>
    registryCall('GetRegistryStatusRequest', xmlOf('ImportId', '0')),
  ),
  soap('GetRegistryStatus: ImportId of 20 digits', 'RegistryService', () =>
    registryCall('GetRegistryStatusRequest', xmlOf('ImportId', '9'.repeat(20))),
  ),
  soap('GetRegistryStatus: ImportId missing', 'RegistryService', () =>
    registryCall('GetRegistryStatusRequest', ''),
  ),
  soap('GetRegistryProtocol: ImportId negative', 'RegistryService', () =>
    registryCall('GetRegistryProtocolRequest', xmlOf('ImportId', '-1')),
  ),
  soap('GetRegistryProtocol: ImportId that does not exist', 'RegistryService', () =>
    registryCall('GetRegistryProtocolRequest', xmlOf('ImportId', '999999999')),
  ),
];

/** The registry area's REST routes: journal, package, findings, registration and the onco register. */
const registryRestCases: Case[] = [
  get('registries: status=lost', 'test_mo', '/api/v1/registries?status=lost'),
  get('registries: mo with a quote', 'test_tfoms', "/api/v1/registries?mo=99'01"),
  get('registries: page=0', 'test_mo', '/api/v1/registries?page=0'),
  get(
    'registries: pageSize=2147483648',
    'test_mo',
    `/api/v1/registries?pageSize=${hugeNumbers.int32Overflow}`,
  ),
  get('registry: id not a number', 'test_mo', '/api/v1/registries/abc', {
    expect: { kind: 'refused', status: [404] },
  }),
  get('registry: id 20 digits', 'test_mo', `/api/v1/registries/${'9'.repeat(20)}`, {
    expect: { kind: 'refused', status: [404] },
  }),
  get('registry of another МО', 'test_mo', (f) => `/api/v1/registries/${f.registryOfMo2.id}`, {
    expect: { kind: 'refused', status: [404] },
    hidden: (f) => [f.registryOfMo2.fileName],
  }),
  get(
    'registry findings of another МО',
    'test_mo',
    (f) => `/api/v1/registries/${f.registryOfMo2.id}/findings`,
    {
      expect: { kind: 'refused', status: [404] },
      hidden: (f) => [f.registryOfMo2.fileName],
    },
  ),
  get(
    'registry V-file of another МО',
    'test_mo',
    (f) => `/api/v1/registries/${f.registryOfMo2.id}/protocol`,
    {
      expect: { kind: 'refused', status: [404] },
      hidden: (f) => [f.registryOfMo2.fileName],
    },
  ),
  get(
    'registry findings: code=abc',
    'test_mo2',
    (f) => `/api/v1/registries/${f.registryOfMo2.id}/findings?code=abc`,
  ),
  post(
    'registry: uploadId not a UUID',
    'test_mo',
    '/api/v1/registries',
    '{"uploadId":"1","fileName":"a.zip"}',
    {
      db: 'journal',
    },
  ),
  post(
    'registry: unknown uploadId',
    'test_mo',
    '/api/v1/registries',
    `{"uploadId":"${randomUUID()}","fileName":"a.zip"}`,
    { db: 'journal' },
  ),
  post(
    'registry: file name with a path',
    'test_mo',
    '/api/v1/registries',
    `{"uploadId":"${randomUUID()}","fileName":"../a.zip"}`,
    { db: 'journal' },
  ),
  post('registry: body is not a ZIP', 'test_mo', '/api/v1/registries', utf8('<ZL_LIST/>'), {
    headers: { 'content-type': 'application/zip', 'x-file-name': 'CM990001T99_261001.zip' },
    db: 'journal',
  }),
  post('registry: file name not URL-encoded windows-1251', 'test_mo', '/api/v1/registries', utf8('PK'), {
    headers: { 'content-type': 'application/zip', 'x-file-name': '%E0%E1.zip' },
    db: 'journal',
  }),
  post('registry: blank body', 'test_mo', '/api/v1/registries', new Uint8Array(0), {
    headers: { 'content-type': 'application/zip', 'x-file-name': 'CM990001T99_261001.zip' },
    db: 'journal',
  }),
  get('onco persons: dateFrom=2026-02-31', 'test_tfoms', '/api/v1/onco/persons?dateFrom=2026-02-31'),
  get('onco persons: diagnosisFrom not МКБ', 'test_tfoms', '/api/v1/onco/persons?diagnosisFrom=ZZZ'),
  get(
    'onco persons: suspicionWithoutDiagnosisDays huge',
    'test_tfoms',
    `/api/v1/onco/persons?suspicionWithoutDiagnosisDays=${hugeNumbers.maxSafe}`,
  ),
  get('onco persons: criteria not JSON', 'test_tfoms', '/api/v1/onco/persons?criteria=%7Bnot-json'),
  get('onco person: id not a number', 'test_tfoms', '/api/v1/onco/persons/abc', {
    expect: { kind: 'refused', status: [404] },
  }),
  get('onco person outside the МО', 'test_mo2', (f) => `/api/v1/onco/persons/${f.person.id}`, {
    expect: { kind: 'refused', status: [404] },
    hidden: (f) => [f.person.enp],
  }),
  post(
    'onco search: criteria of an unknown kind',
    'test_tfoms',
    '/api/v1/onco/persons/search',
    '{"criteria":{"kind":"drop"}}',
  ),
  post(
    'onco lists: blank name',
    'test_tfoms',
    '/api/v1/onco/lists',
    '{"name":"   ","criteria":{"kind":"group","op":"and","conditions":[]}}',
    {
      db: 'journal',
    },
  ),
];

const erzFileCases: Case[] = [
  upload('ЕРЗ: truncated ZIP', 'erz', () => truncated(zipOf({ 'ERZ.xml': utf8(erzXml()) }))),
  upload('ЕРЗ: ZIP whose data does not match its CRC-32', 'erz', () =>
    zipWithWrongCrc('ERZ.xml', utf8(erzXml()), (xml) =>
      utf8(
        new TextDecoder()
          .decode(xml)
          .replace(/<DOCNUM>(\d)/, (_, d: string) => `<DOCNUM>${(Number(d) + 1) % 10}`),
      ),
    ),
  ),
  upload('ЕРЗ: ZIP entry named ../x.xml', 'erz', () => zipOf({ '../x.xml': utf8(erzXml()) })),
  upload('ЕРЗ: ZIP bomb', 'erz', () => theBomb(), { fileName: 'bomb.zip' }),
  upload('ЕРЗ: empty ZIP', 'erz', () => emptyZip(), { fileName: 'empty.zip' }),
  upload('ЕРЗ: ZIP with two XML files', 'erz', () =>
    zipOf({ 'a.xml': utf8(erzXml()), 'b.xml': utf8(erzXml()) }),
  ),
  upload('ЕРЗ: ZIP with a .txt file', 'erz', () => zipOf({ 'ERZ.txt': utf8(erzXml()) })),
  upload('ЕРЗ: ZIP inside a ZIP', 'erz', () => zipOf({ 'inner.zip': zipOf({ 'ERZ.xml': utf8(erzXml()) }) })),
  (() => {
    let sent: ErzPerson | undefined;
    return upload(
      'ЕРЗ: UTF-8 declared windows-1251',
      'erz',
      () => {
        sent = nextErzPerson();
        return utf8(erzXml([sent]).replace('encoding="utf-8"', 'encoding="windows-1251"'));
      },
      {
        phase: 'write',
        db: 'journal',
        appliedOk: async (body) => [
          ...(await storedAsSent(sent!)),
          ...(warnsAboutEncoding(body) ? [] : ['applied without a Russian warning about the encoding']),
        ],
      },
    );
  })(),
  upload('ЕРЗ: UTF-16 file', 'erz', () => utf16le(erzXml().replace('encoding="utf-8"', 'encoding="utf-16"'))),
  upload('ЕРЗ: invalid UTF-8 bytes', 'erz', () => {
    const [before, after] = erzXml().split('</FAM>') as [string, string];
    return withInvalidUtf8(before, `</FAM>${after}`);
  }),
  upload('ЕРЗ: DOCTYPE with an external entity (XXE)', 'erz', () =>
    utf8(withDoctype(erzXml(), xxeDoctype('ERZ_LIST')).replace(/<FAM>[^<]*<\/FAM>/, '<FAM>&xxe;</FAM>')),
  ),
  upload('ЕРЗ: billion laughs', 'erz', () =>
    utf8(
      withDoctype(erzXml(), billionLaughsDoctype('ERZ_LIST')).replace(/<FAM>[^<]*<\/FAM>/, '<FAM>&h;</FAM>'),
    ),
  ),
  upload('ЕРЗ: malformed XML', 'erz', () => utf8(erzXml().replace('</PERS>', '</PERSON>'))),
  upload('ЕРЗ: no ZGLV', 'erz', () => utf8(erzXml().replace(/<ZGLV>[\s\S]*?<\/ZGLV>/, ''))),
  upload('ЕРЗ: ZGLV twice', 'erz', () => utf8(erzXml().replace(/(<ZGLV>[\s\S]*?<\/ZGLV>)/, '$1$1'))),
  upload('ЕРЗ: COUNT does not match', 'erz', () => utf8(replaceTag(erzXml(), 'COUNT', '7'))),
  upload('ЕРЗ: header DATA=2026-02-31', 'erz', () => utf8(replaceTag(erzXml(), 'DATA', '2026-02-31'))),
  upload('ЕРЗ: DR=2026-02-31', 'erz', () => utf8(replaceTag(erzXml(), 'DR', '2026-02-31'))),
  upload('ЕРЗ: DR=0000-00-00', 'erz', () => utf8(replaceTag(erzXml(), 'DR', '0000-00-00'))),
  upload('ЕРЗ: policy DBEG=9999-99-99', 'erz', () =>
    utf8(erzXml().replace(/(<POLIS>[\s\S]*?<DBEG>)[^<]*/, '$19999-99-99')),
  ),
  upload('ЕРЗ: W=2147483648', 'erz', () => utf8(replaceTag(erzXml(), 'W', hugeNumbers.int32Overflow))),
  upload('ЕРЗ: DOCTYPE code 1e309', 'erz', () =>
    utf8(erzXml().replace(/<DOCTYPE>[^<]*<\/DOCTYPE>/, `<DOCTYPE>${hugeNumbers.infinity}</DOCTYPE>`)),
  ),
  upload('ЕРЗ: PERS without POLIS', 'erz', () => utf8(erzXml().replace(/<POLIS>[\s\S]*<\/POLIS>/, ''))),
  upload('ЕРЗ: ENP twice in a PERS', 'erz', () =>
    utf8(erzXml().replace(/(<ENP>[^<]*<\/ENP>)/, '$1<ENP>9980000000000001</ENP>')),
  ),
  upload('ЕРЗ: unknown element in a PERS', 'erz', () =>
    utf8(erzXml().replace('</PERS>', '<ADMIN>1</ADMIN></PERS>')),
  ),
  upload('ЕРЗ: ID of 65 characters', 'erz', () => utf8(replaceTag(erzXml(), 'ID', 'i'.repeat(65)))),
  upload('ЕРЗ: ENP=SQL injection', 'erz', () => utf8(replaceTag(erzXml(), 'ENP', "' or 1=1 --"))),
  upload('ЕРЗ: empty body', 'erz', () => new Uint8Array(0), { atUpload: true }),
  upload('ЕРЗ: neither ZIP nor XML', 'erz', () => utf8('ENP;FAM\n1;2\n'), { atUpload: true }),
  upload('ЕРЗ: file name ../../etc/passwd', 'erz', () => utf8(erzXml()), {
    fileName: injections.path,
    atUpload: true,
  }),
  upload('ЕРЗ: file name with %00', 'erz', () => utf8(erzXml()), {
    fileName: 'erz\u0000.xml',
    atUpload: true,
  }),
  upload('ЕРЗ: no file name', 'erz', () => utf8(erzXml()), { fileName: '', atUpload: true }),
  upload(
    'ЕРЗ: windows-1251 bytes sent as application/json',
    'erz',
    () => writeErzExtract(erzHeader(), [nextErzPerson()], 'windows-1251'),
    {
      headers: { 'content-type': 'application/json' },
      atUpload: true,
    },
  ),
  upload(
    'ЕРЗ: 11 MB file',
    'erz',
    () => utf8(`<?xml version="1.0"?><ERZ_LIST>${' '.repeat(11 * 1024 * 1024)}</ERZ_LIST>`),
    {
      atUpload: true,
    },
  ),
];

const tFileCases: Case[] = [
  upload('T-file: truncated ZIP', 't-file', (f) => truncated(zipOf({ 'T1.xml': utf8(t1Xml(f)) }))),
  upload('T-file: ZIP whose data does not match its CRC-32', 't-file', (f) =>
    zipWithWrongCrc('T1.xml', utf8(t1Xml(f)), (xml) =>
      utf8(
        new TextDecoder()
          .decode(xml)
          .replace(/<NOM_NAP>(\d)/, (_, d: string) => `<NOM_NAP>${(Number(d) + 1) % 10}`),
      ),
    ),
  ),
  upload('T-file: ZIP entry named ../x.xml', 't-file', (f) => zipOf({ '../x.xml': utf8(t1Xml(f)) })),
  upload('T-file: ZIP bomb', 't-file', () => theBomb(), { fileName: 'bomb.zip' }),
  upload('T-file: empty ZIP', 't-file', () => emptyZip(), { fileName: 'empty.zip' }),
  upload('T-file: ZIP with two XML files', 't-file', (f) =>
    zipOf({ 'a.xml': utf8(t1Xml(f)), 'b.xml': utf8(t1Xml(f)) }),
  ),
  upload(
    'T-file: UTF-8 declared windows-1251',
    't-file',
    (f) => utf8(t1Xml(f).replace('encoding="utf-8"', 'encoding="windows-1251"')),
    {
      phase: 'write',
      db: 'journal',
      appliedOk: async (body) =>
        warnsAboutEncoding(body) ? [] : ['applied without a Russian warning about the encoding'],
    },
  ),
  upload('T-file: UTF-16 file', 't-file', (f) =>
    utf16le(t1Xml(f).replace('encoding="utf-8"', 'encoding="utf-16"')),
  ),
  upload('T-file: DOCTYPE with an external entity (XXE)', 't-file', (f) =>
    utf8(
      withDoctype(t1Xml(f), xxeDoctype('ZL_LIST')).replace(
        /<NOM_NAP>[^<]*<\/NOM_NAP>/,
        '<NOM_NAP>&xxe;</NOM_NAP>',
      ),
    ),
  ),
  upload('T-file: billion laughs', 't-file', (f) =>
    utf8(withDoctype(t1Xml(f), billionLaughsDoctype('ZL_LIST')).replace(/<DS>[^<]*<\/DS>/, '<DS>&h;</DS>')),
  ),
  upload('T-file: malformed XML', 't-file', (f) => utf8(t1Xml(f).replace('</ZAP>', '</ZAPP>'))),
  upload('T-file: DTA_NAP=2026-02-31', 't-file', (f) => utf8(replaceTag(t1Xml(f), 'DTA_NAP', '2026-02-31'))),
  upload('T-file: DTA_PLN=0000-00-00', 't-file', (f) => utf8(replaceTag(t1Xml(f), 'DTA_PLN', '0000-00-00'))),
  upload('T-file: header DATA=2026-13-45', 't-file', (f) => utf8(replaceTag(t1Xml(f), 'DATA', '2026-13-45'))),
  upload('T-file: KOD_PFK=2147483648', 't-file', (f) =>
    utf8(replaceTag(t1Xml(f), 'KOD_PFK', hugeNumbers.int32Overflow)),
  ),
  upload('T-file: FRM_MP=1.5', 't-file', (f) => utf8(replaceTag(t1Xml(f), 'FRM_MP', hugeNumbers.fraction))),
  upload('T-file: no FILENAME in ZGLV', 't-file', (f) =>
    utf8(t1Xml(f).replace(/<FILENAME>[^<]*<\/FILENAME>/, '')),
  ),
  upload('T-file: ZGLV twice', 't-file', (f) => utf8(t1Xml(f).replace(/(<ZGLV>[\s\S]*?<\/ZGLV>)/, '$1$1'))),
  upload('T-file: NOM_NAP twice in a ZAP', 't-file', (f) =>
    utf8(t1Xml(f).replace(/(<NOM_NAP>[^<]*<\/NOM_NAP>)/, '$1$1')),
  ),
  upload('T-file: ZAP without NOM_NAP', 't-file', (f) =>
    utf8(t1Xml(f).replace(/<NOM_NAP>[^<]*<\/NOM_NAP>/, '')),
  ),
  upload('T-file: unknown element in a ZAP', 't-file', (f) =>
    utf8(t1Xml(f).replace('</ZAP>', '<ADMIN>1</ADMIN></ZAP>')),
  ),
  upload('T-file: ID_ZAP of 65 characters', 't-file', (f) =>
    utf8(replaceTag(t1Xml(f), 'ID_ZAP', 'z'.repeat(65))),
  ),
  upload('T-file: MCOD_STC=SQL injection', 't-file', (f) =>
    utf8(replaceTag(t1Xml(f), 'MCOD_STC', "' or 1=1 --")),
  ),
  upload('T-file: FILENAME of another МО', 't-file', (f) =>
    utf8(t1Xml(f).replace(/<FILENAME>T1-M-\d+-/, `<FILENAME>T1-M-${f.mo2}-`)),
  ),
  upload('T-file: file name ..\\x.xml', 't-file', (f) => utf8(t1Xml(f)), {
    fileName: '..\\x.xml',
    atUpload: true,
  }),
  upload('T-file: empty body', 't-file', () => new Uint8Array(0), { atUpload: true }),
  upload(
    'T-file: 11 MB file',
    't-file',
    () => utf8(`<?xml version="1.0"?><ZL_LIST>${' '.repeat(11 * 1024 * 1024)}</ZL_LIST>`),
    {
      atUpload: true,
    },
  ),
];

const orgImportCases: Case[] = [
  orgImport('F003: truncated ZIP', () => truncated(zipOf({ 'F003.xml': f003(nextOrgCode()) }))),
  orgImport('F003: ZIP entry named ../x.xml', () => zipOf({ '../x.xml': f003(nextOrgCode()) })),
  orgImport('F003: ZIP bomb', () => theBomb()),
  orgImport('F003: empty ZIP', () => emptyZip()),
  orgImport('F003: ZIP with two XML files', () =>
    zipOf({ 'a.xml': f003(nextOrgCode()), 'b.xml': f003(nextOrgCode()) }),
  ),
  (() => {
    let code = '';
    return orgImport(
      'F003: UTF-8 declared windows-1251',
      () => {
        code = nextOrgCode();
        return utf8(f003Text(code).replace('encoding="UTF-8"', 'encoding="Windows-1251"'));
      },
      {
        appliedOk: async (body) => {
          const [row] = await t.db.sql<{ name: string }[]>`
            select name from org.organisation where code = ${code}`;
          const problems =
            row?.name === `ГБУЗ «Больница ${code}»` ? [] : [`stored the name as «${row?.name}»`];
          if (!warnsAboutEncoding(body))
            problems.push('applied without a Russian warning about the encoding');
          return problems;
        },
      },
    );
  })(),
  orgImport('F003: UTF-16 file', () =>
    utf16le(f003Text(nextOrgCode()).replace('encoding="UTF-8"', 'encoding="UTF-16"')),
  ),
  orgImport('F003: DOCTYPE with an external entity (XXE)', () =>
    utf8(
      withDoctype(f003Text(nextOrgCode()), xxeDoctype('packet')).replace(
        /<nam_mop>[^<]*<\/nam_mop>/,
        '<nam_mop>&xxe;</nam_mop>',
      ),
    ),
  ),
  orgImport('F003: billion laughs', () =>
    utf8(
      withDoctype(f003Text(nextOrgCode()), billionLaughsDoctype('packet')).replace(
        /<nam_mop>[^<]*<\/nam_mop>/,
        '<nam_mop>&h;</nam_mop>',
      ),
    ),
  ),
  orgImport('F003: malformed XML', () =>
    utf8(f003Text(nextOrgCode()).replace('</medCompany>', '</medCompan>')),
  ),
  orgImport('F003: wrong root element', () => utf8(f003Text(nextOrgCode()).replace(/packet>/g, 'ERZ_LIST>'))),
  orgImport('F003: no records', () =>
    utf8('<?xml version="1.0" encoding="UTF-8"?><packet><zglv><type>F003</type></zglv></packet>'),
  ),
  orgImport('F003: d_begin=31.02.2026', () =>
    utf8(f003Text(nextOrgCode()).replace(/<d_begin>[^<]*<\/d_begin>/, '<d_begin>31.02.2026</d_begin>')),
  ),
  orgImport('F003: d_begin=00.00.0000', () =>
    utf8(f003Text(nextOrgCode()).replace(/<d_begin>[^<]*<\/d_begin>/, '<d_begin>00.00.0000</d_begin>')),
  ),
  orgImport('F003: mcod=SQL injection', () =>
    utf8(f003Text(nextOrgCode()).replace(/<mcod>[^<]*<\/mcod>/, "<mcod>' or 1=1 --</mcod>")),
  ),
  orgImport('F003: mcod twice in a record', () => {
    const code = nextOrgCode();
    return utf8(
      f003Text(code).replace(`<mcod>${code}</mcod>`, `<mcod>${code}</mcod><mcod>${nextOrgCode()}</mcod>`),
    );
  }),
  orgImport('F003: record without mcod', () =>
    utf8(f003Text(nextOrgCode()).replace(/<mcod>[^<]*<\/mcod>/, '')),
  ),
  orgImport('F003: empty body', () => new Uint8Array(0)),
];

/** A schedule slot of test_mo's МО (the polyclinic), valid but for `over`. */
function preventionSlot(f: Fx, over: Record<string, unknown> = {}) {
  const date = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  return JSON.stringify({
    packageId: `bad-${randomUUID()}`,
    records: [
      {
        sourceId: randomUUID(),
        moCode: f.hf.polyclinic,
        kind: 'DVN',
        date,
        timeFrom: '09:00',
        timeTo: '12:00',
        method: 1,
        ...over,
      },
    ],
  });
}

// Issue 13: the exam schedules' write and read routes.
const preventionCases: Case[] = [
  ...impossibleDates.map((d) =>
    post(
      `schedule slot: date=${d}`,
      'test_mo',
      '/api/v1/prevention/schedules',
      (f) => preventionSlot(f, { date: d }),
      {
        db: 'journal',
        expect: { kind: 'rejected' },
      },
    ),
  ),
  ...[
    ['timeTo=24:00', { timeTo: '24:00' }],
    [`capacity=${hugeNumbers.int32Overflow}`, { capacity: Number(hugeNumbers.int32Overflow) }],
    ['capacity=1.5', { capacity: 1.5 }],
    ['method="1; drop table"', { method: '1; drop table prevention.schedule_slot' }],
    ['sourceId blank', { sourceId: '   ' }],
    ['sourceId of 65 characters', { sourceId: 'x'.repeat(65) }],
    ['mobile team without an address', { method: 2 }],
  ].map(([name, over]) =>
    post(
      `schedule slot: ${name}`,
      'test_mo',
      '/api/v1/prevention/schedules',
      (f) => preventionSlot(f, over as Record<string, unknown>),
      {
        db: 'journal',
        expect: { kind: 'rejected' },
      },
    ),
  ),
  post(
    'schedule: records not a list',
    'test_mo',
    '/api/v1/prevention/schedules',
    '{"packageId":"p","records":{}}',
  ),
  post('schedule: not JSON', 'test_mo', '/api/v1/prevention/schedules', '{"packageId":'),
  post('schedule: blank packageId', 'test_mo', '/api/v1/prevention/schedules', (f) =>
    preventionSlot(f).replace(/"packageId":"[^"]+"/, '"packageId":"  "'),
  ),
  ...impossibleDates.map((d) =>
    get(`schedules: from=${d}`, 'test_smo', `/api/v1/prevention/schedules?from=${d}`),
  ),
  get('schedules: method=99999999999', 'test_smo', '/api/v1/prevention/schedules?method=99999999999'),
  get('schedules: evening=maybe', 'test_smo', '/api/v1/prevention/schedules?evening=maybe'),
  get(
    'schedules: pageSize=1e309',
    'test_smo',
    `/api/v1/prevention/schedules?pageSize=${hugeNumbers.infinity}`,
  ),
  get(
    'schedule gaps: from=2026-13',
    'test_tfoms',
    '/api/v1/prevention/schedules/gaps?from=2026-13&to=2026-12',
  ),
  get('schedule gaps: no period', 'test_tfoms', '/api/v1/prevention/schedules/gaps'),
  ...[
    ['birthDate=2026-02-31', { patient: { fam: 'Иванов', im: 'Иван', birthDate: '2026-02-31' } }],
    [`year=${hugeNumbers.int32Overflow}`, { year: Number(hugeNumbers.int32Overflow) }],
    ['months=[13]', { months: [13] }],
    ['months="1,2"', { months: '1,2' }],
    ['sourceId blank', { sourceId: '  ' }],
    ['kind=ДВ4', { kind: 'ДВ4' }],
    ['ЕНП of 20 digits', { patient: { enp: hugeNumbers.twentyDigits } }],
  ].map(([name, over]) =>
    post(
      `plan entry: ${name}`,
      'test_mo',
      '/api/v1/prevention/plans',
      (f) =>
        JSON.stringify({
          packageId: `bad-${randomUUID()}`,
          records: [
            {
              sourceId: randomUUID(),
              patient: { enp: f.person.enp },
              year: 2026,
              kind: 'DVN',
              ...(over as object),
            },
          ],
        }),
      { db: 'journal', expect: { kind: 'rejected' } },
    ),
  ),
  get('plans: year=2026-02-31', 'test_mo', '/api/v1/prevention/plans?year=2026-02-31'),
  get('plans: no year', 'test_mo', '/api/v1/prevention/plans'),
  get('plans: month=13', 'test_mo', '/api/v1/prevention/plans?year=2026&month=13'),
  get('plans: year=2147483648', 'test_mo', `/api/v1/prevention/plans?year=${hugeNumbers.int32Overflow}`),
  ...[
    ['date=2026-02-31', { date: '2026-02-31' }],
    [`step=${hugeNumbers.int32Overflow}`, { step: Number(hugeNumbers.int32Overflow) }],
    ['step=1.5', { step: 1.5 }],
    ['method="1 or 1=1"', { method: '1 or 1=1' }],
    ['previousDate=0000-00-00', { previousDate: '0000-00-00' }],
  ].map(([name, over]) =>
    post(
      `step: ${name}`,
      'test_mo',
      '/api/v1/prevention/steps',
      (f) =>
        JSON.stringify({
          packageId: `bad-${randomUUID()}`,
          records: [
            {
              sourceId: randomUUID(),
              patient: { enp: f.person.enp },
              kind: 'DVN',
              step: 102,
              date: '2026-12-01',
              ...(over as object),
            },
          ],
        }),
      { db: 'journal', expect: { kind: 'rejected' } },
    ),
  ),
  ...[
    ['dateIn=2026-02-31', { dateIn: '2026-02-31' }],
    ['visit window to=2026-02-30', { visits: [{ from: '2026-02-01', to: '2026-02-30' }] }],
    [`specialty=${hugeNumbers.int32Overflow}`, { specialty: Number(hugeNumbers.int32Overflow) }],
    ['statusIn=3', { statusIn: 3 }],
    ['diagnosis blank', { diagnosis: '   ' }],
    [
      '53 visit windows',
      { visits: Array.from({ length: 53 }, () => ({ from: '2026-03-01', to: '2026-03-31' })) },
    ],
  ].map(([name, over]) =>
    post(
      `ДН: ${name}`,
      'test_mo',
      '/api/v1/prevention/dispensary',
      (f) =>
        JSON.stringify({
          packageId: `bad-${randomUUID()}`,
          records: [
            {
              sourceId: randomUUID(),
              patient: { enp: f.person.enp },
              diagnosis: 'I10',
              dateIn: '2026-01-15',
              statusIn: 1,
              specialty: 76,
              ...(over as object),
            },
          ],
        }),
      { db: 'journal', expect: { kind: 'rejected' } },
    ),
  ),
  ...[
    ['dateTo=2026-02-31', { dateTo: '2026-02-31' }],
    [`visits=${hugeNumbers.int32Overflow}`, { visits: Number(hugeNumbers.int32Overflow) }],
    ['purpose of 40 characters', { purpose: 'x'.repeat(40) }],
    ['sourceId blank', { sourceId: '' }],
  ].map(([name, over]) =>
    post(
      `polyclinic case: ${name}`,
      'test_mo',
      '/api/v1/prevention/polyclinic-cases',
      (f) =>
        JSON.stringify({
          packageId: `bad-${randomUUID()}`,
          records: [
            {
              sourceId: randomUUID(),
              patient: { enp: f.person.enp },
              dateFrom: '2026-02-01',
              dateTo: '2026-02-02',
              purpose: '1.0',
              diagnosis: 'I10',
              specialty: 76,
              ...(over as object),
            },
          ],
        }),
      { db: 'journal', expect: { kind: 'rejected' } },
    ),
  ),
  get('ДН: overdue=perhaps', 'test_mo', '/api/v1/prevention/dispensary?overdue=perhaps'),
  get('polyclinic cases: from=2026-02-31', 'test_smo', '/api/v1/prevention/polyclinic-cases?from=2026-02-31'),
  get('draft: kind=ДВ4', 'test_mo', '/api/v1/prevention/plans/draft?year=2026&kind=%D0%94%D0%924'),
  get(
    'draft: year=2147483648',
    'test_mo',
    `/api/v1/prevention/plans/draft?year=${hugeNumbers.int32Overflow}&kind=DVN`,
  ),
  get('volumes: no year', 'test_tfoms', '/api/v1/prevention/volumes'),
  get('funnel: kind=ДВ4', 'test_tfoms', '/api/v1/prevention/funnel?year=2026&kind=%D0%94%D0%924'),
  get('funnel: no kind', 'test_tfoms', '/api/v1/prevention/funnel?year=2026'),
  get('due: month=2026-02-31', 'test_mo', '/api/v1/prevention/due?month=2026-02-31'),
  get('due: month=2026-13', 'test_mo', '/api/v1/prevention/due?month=2026-13'),
];

/** Informing requests, results and surveys, and telemedicine consultations (issue 14). */
const informingCases: Case[] = [
  ...[
    ['deadline=2026-02-31', { deadline: '2026-02-31' }],
    ['reason=ДВН', { reason: 'ДВН' }],
    [`primary=${hugeNumbers.int32Overflow}`, { primary: Number(hugeNumbers.int32Overflow) }],
    ['sourceId blank', { sourceId: '   ' }],
    ['windowFrom=0000-00-00', { windowFrom: '0000-00-00' }],
    ['ЕНП of 20 digits', { patient: { enp: hugeNumbers.twentyDigits } }],
  ].map(([name, over]) =>
    post(
      `informing request: ${name}`,
      'test_mo',
      '/api/v1/informing/requests',
      (f) =>
        JSON.stringify({
          packageId: `bad-${randomUUID()}`,
          records: [
            {
              sourceId: randomUUID(),
              patient: { enp: f.person.enp },
              reason: 'OTHER',
              deadline: '2026-12-31',
              ...(over as object),
            },
          ],
        }),
      { db: 'journal', expect: { kind: 'rejected' } },
    ),
  ),
  ...[
    ['date=2026-02-30', { date: '2026-02-30' }],
    ['method="1; drop table informing.result"', { method: '1; drop table informing.result' }],
    [`outcome=${hugeNumbers.int32Overflow}`, { outcome: Number(hugeNumbers.int32Overflow) }],
    ['requestId of 30 digits', { requestId: '1'.repeat(30) }],
  ].map(([name, over]) =>
    post(
      `informing result: ${name}`,
      'test_smo',
      '/api/v1/informing/results',
      () =>
        JSON.stringify({
          packageId: `bad-${randomUUID()}`,
          records: [
            {
              sourceId: randomUUID(),
              requestId: '1',
              date: '2026-12-01',
              method: 1,
              step: 1,
              outcome: 1,
              ...(over as object),
            },
          ],
        }),
      { db: 'journal', expect: { kind: 'rejected' } },
    ),
  ),
  post(
    'informing survey: answers as a string',
    'test_smo',
    '/api/v1/informing/surveys',
    () =>
      JSON.stringify({
        packageId: `bad-${randomUUID()}`,
        records: [
          { sourceId: randomUUID(), moCode: '640001', condition: 1, date: '2026-12-01', answers: 'all good' },
        ],
      }),
    { db: 'journal', expect: { kind: 'rejected' } },
  ),
  ...[
    ['requestDate=2026-02-31', { requestDate: '2026-02-31' }],
    [`urgency=${hugeNumbers.int32Overflow}`, { urgency: Number(hugeNumbers.int32Overflow) }],
    ['consultingMoCode=1e5', { consultingMoCode: '1e5' }],
  ].map(([name, over]) =>
    post(
      `consultation: ${name}`,
      'test_mo',
      '/api/v1/consultations',
      (f) =>
        JSON.stringify({
          packageId: `bad-${randomUUID()}`,
          records: [
            {
              sourceId: randomUUID(),
              patient: { enp: f.person.enp },
              requestingMoCode: '640001',
              consultingMoCode: '640002',
              type: 1,
              requestDate: '2026-12-01',
              diagnosis: 'I25.1',
              ...(over as object),
            },
          ],
        }),
      { db: 'journal', expect: { kind: 'rejected' } },
    ),
  ),
  get('informing requests: status=maybe', 'test_smo', '/api/v1/informing/requests?status=maybe'),
  get(
    'informing timeliness: from=2026-02-31',
    'test_tfoms',
    '/api/v1/informing/timeliness?from=2026-02-31&to=2026-12-31',
  ),
  get(
    'informing surveys: condition=4',
    'test_tfoms',
    '/api/v1/informing/surveys/summary?from=2026-01-01&to=2026-12-31&condition=4',
  ),
  get('informing results: method=8', 'test_smo', '/api/v1/informing/results?method=8'),
  get('informing results: to=2026-02-31', 'test_tfoms', '/api/v1/informing/results?to=2026-02-31'),
  get('informing results summary: no period', 'test_tfoms', '/api/v1/informing/results/summary'),
  get('informing surveys list: personId=9e99', 'test_smo', '/api/v1/informing/surveys?personId=9e99'),
  get(
    'informing requests: reason=PROCEDURE,NOPE',
    'test_smo',
    '/api/v1/informing/requests?reason=PROCEDURE,NOPE',
  ),
  get('consultations: personId=1 or 1=1', 'test_mo', '/api/v1/consultations?personId=1%20or%201%3D1'),
  send(
    'informing rule: leadDays 2147483648',
    'test_tfoms',
    'PUT',
    '/api/v1/informing/rules/plan-pmo',
    JSON.stringify({ enabled: true, leadDays: 2_147_483_648, deadlineDays: 3 }),
  ),
  post(
    'informing generate: date=2026-13-01',
    'test_tfoms',
    '/api/v1/informing/generate',
    JSON.stringify({ date: '2026-13-01' }),
  ),
];

const catalogue: Case[] = [
  ...restQueryCases,
  ...restPathCases,
  ...restBodyCases,
  ...soapCases,
  ...registrySoapCases,
  ...registryRestCases,
  ...erzFileCases,
  ...tFileCases,
  ...orgImportCases,
  ...preventionCases,
  ...informingCases,
];

/** The person of an applied ЕРЗ file is in the register as it was sent (no mojibake). */
async function storedAsSent(p: ErzPerson): Promise<string[]> {
  const [row] = await t.db.sql<{ fam: string; im: string }[]>`
    select fam, im from person.person where enp = ${p.enp}`;
  if (!row) return ['applied, but the person is not in the register'];
  return row.fam === p.fam && row.im === p.im
    ? []
    : [`stored «${row.fam} ${row.im}» instead of «${p.fam} ${p.im}»`];
}

/** Some Russian text of the answer speaks of the file's encoding. */
const warnsAboutEncoding = (body: unknown) => jsonTexts(body).some((text) => /кодировк/i.test(text));

// ─── running a case ─────────────────────────────────────────────────────────────────────────────────────────

interface Outcome {
  name: string;
  channel: Channel;
  problems: string[];
  answer: string;
  /** More of the answer, for the report. */
  full: string;
  /** Observations that do not fail the case (a refusal by the database's safety net). */
  notes: string[];
  ms: number;
}
const outcomes: Outcome[] = [];

const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort().join(',');
const cleanPrototype = prototypeKeys();

async function token(username: string): Promise<string> {
  let value = tokens.get(username);
  if (!value) {
    value = await signInToken(t.runtime.url, username);
    tokens.set(username, value);
  }
  return value;
}

const http = (req: HttpRequest) => sendRaw(t.runtime.url, req, 60_000);

/** Follows a queued file until the consumer has finished it (or 30 s passed). */
async function finishedFile(
  journal: 'erz' | 't-file',
  id: string,
  as: string,
): Promise<HttpAnswer & { body: unknown }> {
  const path = journal === 'erz' ? `/api/v1/erz/imports/${id}` : `/api/v1/hospitalisation/files/${id}`;
  const auth = { authorization: `Bearer ${await token(journal === 'erz' ? 'test_admin' : as)}` };
  const started = Date.now();
  for (;;) {
    const answer = await http({ method: 'GET', path, headers: auth });
    const body = jsonOf(answer) as { import?: { status?: string }; file?: { status?: string } } | null;
    const status = (journal === 'erz' ? body?.import : body?.file)?.status;
    if (!['queued', 'processing'].includes(String(status)) || Date.now() - started > 30_000) {
      return { ...answer, body };
    }
    await new Promise((r) => setTimeout(r, 150));
  }
}

interface ProtocolLike {
  status?: string;
  accepted?: number;
  records?: { issues?: { message?: string }[] }[];
}

/** A 200 (or the route's 400) protocol that accepts nothing and says why in Russian. */
function restProtocolProblems(answer: HttpAnswer, echoes: string[]): string[] {
  const body = jsonOf(answer) as ProtocolLike | null;
  if (!body || !Array.isArray(body.records)) return [`neither a refusal nor a protocol: ${answer.status}`];
  const problems: string[] = [];
  if (body.status !== 'rejected' || body.accepted !== 0) {
    problems.push(`protocol status «${body.status}», accepted ${body.accepted}: the bad record was accepted`);
  }
  const messages = body.records.flatMap((r) => (r.issues ?? []).map((i) => i.message));
  if (!messages.some(hasRussian)) problems.push('no Russian message in the protocol');
  problems.push(...leaksIn(jsonTexts(body).join('\n'), echoes).map((l) => `leaks ${l}`));
  return problems;
}

/** A SOAP protocol (HTTP 200) that accepts nothing and says why in Russian. */
function soapProtocolProblems(answer: HttpAnswer, echoes: string[]): string[] {
  const problems: string[] = [];
  const outcome = elementText(answer.text, 'Outcome');
  if (outcome !== null) {
    // GetInsuranceAffiliation answers a query it cannot run with Outcome «invalid» and its FLK errors.
    if (outcome !== 'invalid') problems.push(`Outcome «${outcome}»: the bad identifier was looked up`);
    if (!elementTexts(answer.text, 'Message').some(hasRussian))
      problems.push('no Russian message in the answer');
    problems.push(...leaksIn(xmlTexts(answer.text), echoes).map((l) => `leaks ${l}`));
    return problems;
  }
  const status = elementText(answer.text, 'Status');
  const accepted = elementText(answer.text, 'Accepted');
  if (status !== 'rejected' || accepted !== '0') {
    problems.push(`protocol status «${status}», accepted ${accepted}: the bad record was accepted`);
  }
  if (!elementTexts(answer.text, 'Message').some(hasRussian))
    problems.push('no Russian message in the protocol');
  problems.push(...leaksIn(xmlTexts(answer.text), echoes).map((l) => `leaks ${l}`));
  return problems;
}

/** Did the queue apply the file (some record accepted)? */
function appliedFile(journal: 'erz' | 't-file', body: unknown): boolean {
  const b = body as { import?: { status?: string; counts?: { accepted?: number } | null } } & {
    file?: { status?: string; counts?: { accepted?: number } | null };
  };
  const entry = journal === 'erz' ? b.import : b.file;
  return entry?.status === 'done' && (entry.counts?.accepted ?? 0) > 0;
}

/** The finished journal entry of a file: rejected, with a Russian protocol, nothing accepted. */
function fileJournalProblems(
  journal: 'erz' | 't-file',
  done: HttpAnswer & { body: unknown },
  echoes: string[],
): string[] {
  const problems: string[] = [];
  if (done.status !== 200) return [`journal answered ${excerpt(done, 200)}`];
  const body = done.body as {
    import?: { status?: string; counts?: { accepted?: number } | null };
    file?: {
      status?: string;
      result?: string;
      counts?: { accepted?: number } | null;
      packageIssues?: { message?: string }[];
    };
    packageFindings?: { message?: string }[];
    protocol?: { items?: { findings?: { message?: string }[]; issues?: { message?: string }[] }[] };
  };
  const entry = journal === 'erz' ? body.import : body.file;
  const status = entry?.status;
  const accepted = entry?.counts?.accepted ?? 0;
  if (status === 'queued' || status === 'processing') problems.push(`still ${status} after 30 s`);
  else if (status === 'failed') problems.push('the queue failed on it (status failed)');
  else if (status === 'duplicate') problems.push('taken for a duplicate');
  else if (!(status === 'rejected' || (status === 'done' && accepted === 0))) {
    problems.push(`finished as ${status} with ${accepted} accepted: the bad file was applied`);
  }
  const messages = [
    ...(body.packageFindings ?? []).map((i) => i.message),
    ...(body.file?.packageIssues ?? []).map((i) => i.message),
    ...(body.protocol?.items ?? []).flatMap((r) =>
      [...(r.findings ?? []), ...(r.issues ?? [])].map((i) => i.message),
    ),
  ];
  if (!messages.some(hasRussian)) problems.push('no Russian message in the file protocol');
  problems.push(...leaksIn(jsonTexts(body).join('\n'), echoes).map((l) => `leaks ${l}`));
  return problems;
}

function orgImportProblems(answer: HttpAnswer, echoes: string[]): string[] {
  if (answer.status !== 200) return restRefusalProblems(answer, undefined, echoes);
  const body = jsonOf(answer) as {
    created?: number;
    updated?: number;
    errors?: { errors?: { message?: string }[] }[];
  } | null;
  const problems: string[] = [];
  if (!body) return ['200 without a JSON body'];
  if ((body.created ?? 0) > 0 || (body.updated ?? 0) > 0) {
    problems.push(`imported: created ${body.created}, updated ${body.updated}`);
  }
  const messages = (body.errors ?? []).flatMap((e) => (e.errors ?? []).map((i) => i.message));
  if (!messages.some(hasRussian)) problems.push('200 without a Russian error for the bad record');
  problems.push(...leaksIn(jsonTexts(body).join('\n'), echoes).map((l) => `leaks ${l}`));
  return problems;
}

/** Every query parameter named like an Object.prototype member, removed. */
function withoutPrototypeKeys(path: string): string {
  const url = new URL(path, 'http://x');
  for (const key of [...url.searchParams.keys()]) {
    if (/^(__proto__|constructor|prototype|toString|valueOf|hasOwnProperty)/.test(key))
      url.searchParams.delete(key);
  }
  return `${url.pathname}${url.search}`;
}

/** Refused (4xx, Russian), or answered as the same request without the parameter is. */
async function ignoredOrRefusedProblems(
  req: HttpRequest,
  answer: HttpAnswer,
  volatile: boolean,
  echoes: string[],
): Promise<string[]> {
  if (answer.status >= 400 && answer.status < 500) return restRefusalProblems(answer, undefined, echoes);
  if (answer.status !== 200) return statusProblems(answer);
  const baseline = await http({ ...req, path: withoutPrototypeKeys(req.path) });
  const a = jsonOf(answer) as Record<string, unknown> | null;
  const b = jsonOf(baseline) as Record<string, unknown> | null;
  if (baseline.status !== 200 || !a || !b)
    return [`baseline without the parameter: ${excerpt(baseline, 120)}`];
  const keys = (o: Record<string, unknown>) => Object.keys(o).sort().join(',');
  if (keys(a) !== keys(b))
    return [`answer differs from the one without the parameter (${keys(a)} vs ${keys(b)})`];
  if (!volatile && JSON.stringify(a) !== JSON.stringify(b))
    return ['answer differs from the one without the parameter'];
  return [];
}

async function runCase(c: Case): Promise<Outcome> {
  const started = Date.now();
  const perCase = c.db !== 'phase';
  const before: DbSnapshot | null = perCase ? await takeSnapshot(t.db.sql, tables) : null;
  let verifiedApplied = false;
  const req = c.request(fx);
  if (c.as) req.headers = { ...req.headers, authorization: `Bearer ${await token(c.as)}` };
  const answer = await http(req);
  const echoes = c.echoes ?? [];
  const problems: string[] = [];
  let shown = excerpt(answer);
  let full = excerpt(answer, 3000);

  if (c.channel === 'soap') {
    if (c.expect.kind === 'rejected' && answer.status === 200)
      problems.push(...soapProtocolProblems(answer, echoes));
    else
      problems.push(
        ...soapFaultProblems(answer, c.expect.kind === 'refused' ? c.expect.status : undefined, echoes),
      );
  } else if (c.expect.kind === 'file') {
    if (answer.status === 202 && !c.expect.atUpload) {
      const id = String((jsonOf(answer) as { id?: unknown } | null)?.id ?? '');
      const done = await finishedFile(c.expect.journal, id, c.as ?? 'test_mo');
      shown = `upload ${answer.status} → journal ${excerpt(done, 400)}`;
      full = `upload ${answer.status} → journal ${excerpt(done, 3000)}`;
      if (c.appliedOk && appliedFile(c.expect.journal, done.body)) {
        verifiedApplied = true;
        problems.push(...(await c.appliedOk(done.body)));
      } else {
        problems.push(...fileJournalProblems(c.expect.journal, done, echoes));
      }
    } else if (answer.status === 202) {
      problems.push(`queued (202) instead of refused at upload`);
    } else {
      problems.push(...restRefusalProblems(answer, undefined, echoes));
    }
  } else if (c.expect.kind === 'ignored-or-refused') {
    problems.push(...(await ignoredOrRefusedProblems(req, answer, c.expect.volatile ?? false, echoes)));
  } else if (c.expect.kind === 'org-import') {
    const body = jsonOf(answer) as { created?: number; updated?: number } | null;
    if (c.appliedOk && answer.status === 200 && ((body?.created ?? 0) > 0 || (body?.updated ?? 0) > 0)) {
      verifiedApplied = true;
      problems.push(...(await c.appliedOk(body)));
    } else {
      problems.push(...orgImportProblems(answer, echoes));
    }
  } else if (
    c.expect.kind === 'rejected' &&
    !String(answer.headers['content-type'] ?? '').includes('problem+json')
  ) {
    problems.push(...statusProblems(answer, [200, 400]));
    if (!answer.error && answer.status < 500) problems.push(...restProtocolProblems(answer, echoes));
  } else {
    problems.push(
      ...restRefusalProblems(answer, c.expect.kind === 'refused' ? c.expect.status : undefined, echoes),
    );
  }

  for (const secret of c.hidden?.(fx) ?? []) {
    if (secret && answer.text.includes(secret)) problems.push(`shows another organisation's «${secret}»`);
  }
  if (before && !verifiedApplied) {
    const after = await takeSnapshot(t.db.sql, tables);
    const changes = snapshotChanges(before, after, c.db === 'journal' ? journalTables : []);
    if (changes.length) problems.push(`database changed: ${changes.join('; ')}`);
  }
  if (prototypeKeys() !== cleanPrototype) problems.push('Object.prototype was polluted');
  const health = await http({ method: 'GET', path: '/health' });
  if (health.status !== 200) problems.push(`/health answers ${excerpt(health, 100)} afterwards`);

  const notes: string[] = [];
  const netRule = /"rule":"(DB\.[A-Z_]+)"/.exec(full)?.[1];
  if (netRule) notes.push(`refused by the database's safety net (${netRule}), not at the edge`);
  const outcome = {
    notes,
    name: c.name,
    channel: c.channel,
    problems,
    answer: shown,
    full,
    ms: Date.now() - started,
  };
  outcomes.push(outcome);
  return outcome;
}

// ─── fixtures and controls ──────────────────────────────────────────────────────────────────────────────────

beforeAll(async () => {
  t = await startTestRuntime();
  const sql = t.db.sql;
  const hf = await hospFixture(sql);
  const org = async (username: string) =>
    (await sql<{ org_code: string }[]>`select org_code from auth.account where username = ${username}`)[0]!
      .org_code;
  const codes = new Set(
    (await sql<{ code: string }[]>`select code from org.organisation`).map((r) => r.code),
  );
  const freeOrgCodes: string[] = [];
  for (let n = 9999; freeOrgCodes.length < 40; n--) {
    const code = `99${n}`;
    if (!codes.has(code)) freeOrgCodes.push(code);
  }
  tables = await snapshotTables(sql);
  const mo = await token('test_mo');
  const hosp = await token('test_hosp');

  // A referral of the first polyclinic and an emergency stay of the first hospital: other МО must not see them.
  const [p0, p1, p2] = hf.persons;
  const created = await http({
    method: 'POST',
    path: '/api/v1/referrals',
    headers: { ...json, authorization: `Bearer ${mo}` },
    body: JSON.stringify(referral(hf, p0!)),
  });
  if (created.status !== 201) throw new Error(`fixture referral: ${excerpt(created)}`);
  const ref = jsonOf(created) as { id: string; number: string };
  const stayAnswer = await http({
    method: 'POST',
    path: '/api/v1/admissions',
    headers: { ...json, authorization: `Bearer ${hosp}` },
    body: JSON.stringify(admission(hf, p2!, { kind: 'emergency', form: 1, date: isoDaysAgo(1) })),
  });
  if (stayAnswer.status !== 201) throw new Error(`fixture stay: ${excerpt(stayAnswer)}`);
  const stay = jsonOf(stayAnswer) as { id: string };
  const [person] = await sql<{ id: string; enp: string }[]>`
    select id::text, enp from person.person where id = ${p1!.id}`;
  const patientRows = await sql<
    { enp: string; fam: string; im: string; ot: string | null; sex: 1 | 2; birthDate: string }[]
  >`
    select enp, fam, im, ot, sex, to_char(birth_date, 'YYYY-MM-DD') as "birthDate" from person.person
    where enp = any(${hf.persons.map((p) => p.enp)})`;
  const patients = new Map<string, PatientRef>(
    patientRows.map((r) => [
      r.enp,
      { enp: r.enp, fam: r.fam, im: r.im, ...(r.ot ? { ot: r.ot } : {}), sex: r.sex, birthDate: r.birthDate },
    ]),
  );

  // A registry-invoice import of the second polyclinic's system, as the journal holds it.
  const soapMo2 = await org('soap_mo2');
  const registryFileName = `HM${randomUUID().slice(0, 8)}-mo2.zip`;
  const [registryOfMo2] = await sql<{ id: string }[]>`
    insert into registry.import (channel, file_name, file_size, file_sha256, status, uploaded_by, org_code, role,
                                 finished_at)
    values ('soap', ${registryFileName}, 100, ${randomUUID().replaceAll('-', '').repeat(2)}, 'done', 'soap_mo2',
            ${soapMo2}, 'mo_system', now())
    returning id::text`;

  fx = {
    hf,
    soapMo: await org('soap_mo'),
    soapMo2,
    registryOfMo2: { id: registryOfMo2!.id, fileName: registryFileName },
    mo2: await org('test_mo2'),
    tfoms: await org('soap_tfoms'),
    referral: { id: String(ref.id), number: ref.number, enp: p0!.enp },
    stay: { id: String(stay.id), enp: p2!.enp },
    person: person!,
    tFileId: '',
    freeOrgCodes,
    patients,
  };

  // A T-file of the first polyclinic (the control of the T-file cases, and another МО's file for the hospital).
  const t1 = await http({
    method: 'POST',
    path: '/api/v1/hospitalisation/files',
    headers: { ...octets, 'x-file-name': 'ok.xml', authorization: `Bearer ${mo}` },
    body: utf8(t1Xml(fx)),
  });
  if (t1.status !== 202) throw new Error(`fixture T-file: ${excerpt(t1)}`);
  fx.tFileId = String((jsonOf(t1) as { id: number }).id);
  tFileControl = await finishedFile('t-file', fx.tFileId, 'test_mo');
}, 180_000);

let tFileControl: HttpAnswer & { body: unknown };

afterAll(async () => {
  const report = process.env.BAD_INPUT_REPORT;
  if (report) writeFileSync(report, JSON.stringify(outcomes, null, 1));
  await t?.stop();
});

describe('controls: the valid requests the bad cases are made from are accepted', () => {
  it('the person and the referral are visible to their own МО', async () => {
    const mo = await token('test_mo');
    const card = await http({
      method: 'GET',
      path: `/api/v1/persons/${fx.person.id}`,
      headers: { authorization: `Bearer ${mo}` },
    });
    expect(card.status, excerpt(card)).toBe(200);
    const ref = await http({
      method: 'GET',
      path: `/api/v1/referrals/${fx.referral.id}`,
      headers: { authorization: `Bearer ${mo}` },
    });
    expect(ref.status, excerpt(ref)).toBe(200);
  });

  it('SOAP SendReferrals and SendErzExtract accept the valid records', async () => {
    const referrals = await http({
      method: 'POST',
      path: '/soap/HospitalizationService',
      headers: xmlType,
      body: sendReferrals(fx),
    });
    expect(elementText(referrals.text, 'Status'), excerpt(referrals)).toBe('accepted');
    const erz = await http({
      method: 'POST',
      path: '/soap/ErzService',
      headers: xmlType,
      body: sendErz([soapErzPerson(nextErzPerson())]),
    });
    expect(elementText(erz.text, 'Status'), excerpt(erz)).toBe('accepted');
  });

  it('a valid ЕРЗ extract and a valid T1 file are imported; a valid F003 file creates its МО', async () => {
    const admin = await token('test_admin');
    const erz = await http({
      method: 'POST',
      path: '/api/v1/erz/imports',
      headers: { ...octets, 'x-file-name': 'ok.xml', authorization: `Bearer ${admin}` },
      body: utf8(erzXml()),
    });
    expect(erz.status, excerpt(erz)).toBe(202);
    const erzDone = await finishedFile('erz', String((jsonOf(erz) as { id: number }).id), 'test_admin');
    expect(
      (erzDone.body as { import: { status: string; counts: { accepted: number } } }).import,
      excerpt(erzDone),
    ).toMatchObject({
      status: 'done',
      counts: { accepted: 1 },
    });

    expect((tFileControl.body as { file: unknown }).file, excerpt(tFileControl)).toMatchObject({
      status: 'done',
      result: 'accepted',
    });

    const nsi = await token('test_nsi');
    const imported = await http({
      method: 'POST',
      path: '/api/v1/organisations/import',
      headers: { ...octets, 'x-file-name': 'F003.xml', authorization: `Bearer ${nsi}` },
      body: f003(nextOrgCode()),
    });
    expect(jsonOf(imported), excerpt(imported)).toMatchObject({ created: 1 });
  }, 60_000);
});

describe('the bad-input catalogue', () => {
  it('has at least 150 cases, each named once', () => {
    const names = catalogue.map((c) => c.name);
    expect(new Set(names).size, 'duplicate case names').toBe(names.length);
    expect(names.length).toBeGreaterThanOrEqual(150);
  });
});

const judge = (o: Outcome) => (o.problems.length ? `${o.problems.join(' | ')}\n    answer: ${o.answer}` : '');

describe.concurrent('reads (five at a time)', () => {
  for (const c of catalogue.filter((x) => x.phase === 'read')) {
    it(`[${c.channel}] ${c.name}`, async ({ expect }) => {
      expect(judge(await runCase(c))).toBe('');
    });
  }
});

describe('writes (one at a time)', () => {
  for (const c of catalogue.filter((x) => x.phase === 'write')) {
    it(`[${c.channel}] ${c.name}`, async () => {
      expect(judge(await runCase(c))).toBe('');
    });
  }
});

let beforeFiles: DbSnapshot;

describe.concurrent('files through the queue (five at a time)', () => {
  beforeAll(async () => {
    beforeFiles = await takeSnapshot(t.db.sql, tables);
  });
  for (const c of catalogue.filter((x) => x.phase === 'file')) {
    it(`[${c.channel}] ${c.name}`, async ({ expect }) => {
      expect(judge(await runCase(c))).toBe('');
    }, 60_000);
  }
});

describe('files through the queue: afterwards', () => {
  it('the refused files changed nothing but the file journals', async () => {
    const changes = snapshotChanges(beforeFiles, await takeSnapshot(t.db.sql, tables), journalTables);
    expect(changes).toEqual([]);
  });
});
