import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRegionStructure } from '../../shared/demo/region-structure';
import {
  basicAuth,
  excerpt,
  type HttpAnswer,
  type HttpRequest,
  hugeNumbers,
  impossibleDates,
  injections,
  sendRaw,
  soapEnvelope,
  soapNs,
  xmlOf,
} from '../helpers/bad-input';
import { erzRegionCodes, newErzPerson } from '../helpers/erz-persons';
import {
  type HospFixture,
  hospFixture,
  isoDaysAgo,
  referral,
  referralAsSoap,
} from '../helpers/hospitalisation-fixtures';
import { signInToken, startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { testDemo } from './global-setup';

/**
 * Property-based fuzzing of the running system (issue 9): random XML-ish text and mutated valid envelopes to
 * the SOAP services, random JSON (and valid bodies with a field replaced by anything) to the REST write routes,
 * and random query strings to the REST read routes. No input may be answered with a 5xx or break the
 * connection, and the server keeps answering `/health`.
 *
 * Every answer of a property is checked; the ones that fail are collected and reported together (input and
 * answer), with the seed: the generators are seeded, so a run reproduces them.
 */

const seed = 20_261_205;
const numRuns = 300;

let t: TestRuntime;
let hf: HospFixture;
let tfoms = '';
let soapMo = '';
const tokens = new Map<string, string>();
const erzCodes = erzRegionCodes(generateRegionStructure(testDemo.seed));
let erzSerial = 20_000;

const http = (req: HttpRequest) => sendRaw(t.runtime.url, req, 30_000);

beforeAll(async () => {
  t = await startTestRuntime();
  hf = await hospFixture(t.db.sql);
  const org = async (username: string) =>
    (
      await t.db.sql<{ org_code: string }[]>`select org_code from auth.account where username = ${username}`
    )[0]!.org_code;
  tfoms = await org('soap_tfoms');
  soapMo = await org('soap_mo');
  for (const user of ['test_mo', 'test_hosp', 'test_tfoms', 'test_admin']) {
    tokens.set(user, await signInToken(t.runtime.url, user));
  }
}, 180_000);

afterAll(async () => {
  await t?.stop();
});

interface Failure {
  input: string;
  answer: string;
}

/** What is wrong with an answer to fuzz: no answer, or a server error. */
function broken(answer: HttpAnswer): boolean {
  return Boolean(answer.error) || answer.status === 0 || answer.status >= 500;
}

const show = (value: string | Uint8Array) =>
  (typeof value === 'string' ? value : Buffer.from(value).toString('latin1'))
    .replace(/\s+/g, ' ')
    .slice(0, 300);

async function healthy(): Promise<string | null> {
  const health = await http({ method: 'GET', path: '/health' });
  return health.status === 200 ? null : excerpt(health, 200);
}

/** Runs a property over `arbitrary`, sending each value; collects broken answers; checks /health now and then. */
async function fuzz<T>(
  arbitrary: fc.Arbitrary<T>,
  toRequest: (value: T) => HttpRequest,
  runs = numRuns,
): Promise<{ failures: Failure[]; health: string[] }> {
  const failures: Failure[] = [];
  /** Answers the database's safety net gave (rule DB.*): the value reached SQL unvalidated. Not a failure. */
  const safetyNet = new Map<string, Failure>();
  const health: string[] = [];
  let run = 0;
  await fc.assert(
    fc.asyncProperty(arbitrary, async (value) => {
      const req = toRequest(value);
      const answer = await http(req);
      if (broken(answer)) {
        failures.push({
          input: `${req.method} ${req.path.slice(0, 200)} ${show(req.body ?? '')}`,
          answer: excerpt(answer, 200),
        });
      }
      const rule = /"rule":"(DB\.[A-Z_]+)"/.exec(answer.text)?.[1];
      if (rule) {
        safetyNet.set(`${req.method} ${req.path.split('?')[0]} ${rule}`, {
          input: `${req.method} ${req.path.slice(0, 200)} ${show(req.body ?? '')}`,
          answer: excerpt(answer, 200),
        });
      }
      if (++run % 20 === 0) {
        const sick = await healthy();
        if (sick) health.push(`after run ${run}: ${sick}`);
      }
    }),
    { seed, numRuns: runs },
  );
  const sick = await healthy();
  if (sick) health.push(`at the end: ${sick}`);
  for (const [key, f] of safetyNet) {
    console.info(
      `answered by the database's safety net, not validated at the edge: ${key}\n  input: ${f.input}\n  answer: ${f.answer}`,
    );
  }
  return { failures, health };
}

function report(name: string, result: { failures: Failure[]; health: string[] }): string {
  if (!result.failures.length && !result.health.length) return '';
  const distinct = new Map<string, Failure>();
  for (const f of result.failures) distinct.set(f.answer.slice(0, 80), f);
  return [
    `${name} (fast-check seed ${seed}): ${result.failures.length} answers were 5xx or broke the connection`,
    ...[...distinct.values()].slice(0, 8).map((f) => `  input: ${f.input}\n  answer: ${f.answer}`),
    ...result.health.map((h) => `  /health: ${h}`),
  ].join('\n');
}

// ─── generators ─────────────────────────────────────────────────────────────────────────────────────────────

const specialValues = [
  ...impossibleDates,
  ...Object.values(hugeNumbers),
  ...Object.values(injections),
  '',
  ' ',
  '\u0000',
  '\uFFFF',
  '\uD800',
  'ё'.repeat(300),
  'x'.repeat(70),
  'true',
  'null',
  'NaN',
  '-0',
  '0x10',
  '1e-400',
  '2026-02-29',
  '2024-02-29',
  '1899-12-31',
  '3000-01-01',
];
const special = fc.constantFrom(...specialValues);
const text = fc.oneof(special, fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }));

const xmlTokens = [
  '<',
  '>',
  '</',
  '/>',
  '=',
  '"',
  "'",
  ' ',
  '\n',
  '&amp;',
  '&#0;',
  '&#xD800;',
  '&xxe;',
  '<?xml version="1.0"?>',
  '<?xml version="1.0" encoding="windows-1251"?>',
  '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
  '<![CDATA[',
  ']]>',
  '<!--',
  '-->',
  'soap:Envelope',
  'soap:Body',
  'soap:Header',
  `xmlns:soap="${soapNs.envelope11}"`,
  `xmlns:m="${soapNs.hospitalisation}"`,
  `xmlns:m="${soapNs.erz}"`,
  'm:GetFreeBedsRequest',
  'm:SendReferralsRequest',
  'm:GetInsuranceAffiliationRequest',
  'm:GetDirectoryRecordsRequest',
  'm:GetRegistryStatusRequest',
  'm:ImportId',
  'm:Limit',
  'm:Header',
  'm:Referral',
  'm:Person',
  'wsse:Security',
  'wsse:UsernameToken',
];
const xmlish = fc
  .array(fc.oneof(fc.constantFrom(...xmlTokens), text), { maxLength: 50 })
  .map((parts) => parts.join(''));

const services = [
  { path: '/soap/HospitalizationService', ns: soapNs.hospitalisation, user: 'soap_mo' },
  { path: '/soap/ErzService', ns: soapNs.erz, user: 'soap_tfoms' },
  { path: '/soap/NsiService', ns: soapNs.nsi, user: 'soap_mo2' },
  { path: '/soap/RegistryService', ns: soapNs.registry, user: 'soap_mo' },
] as const;

/** Valid envelopes (without WS-Security: the fuzz authenticates with HTTP Basic, which it never mutates). */
function validEnvelopes(): { service: (typeof services)[number]; body: string }[] {
  const [hosp, erz, nsi, registry] = services;
  const r = referral(hf, hf.persons[0]!, { fromMoCode: soapMo });
  const p = newErzPerson(++erzSerial, erzCodes, 'fuzz');
  const env = (ns: string, element: string, inner: string) =>
    soapEnvelope({ ns, element, inner, auth: null });
  return [
    { service: hosp, body: env(hosp.ns, 'GetFreeBedsRequest', xmlOf('Limit', 5)) },
    {
      service: hosp,
      body: env(hosp.ns, 'GetReferralsRequest', `${xmlOf('ChangedSince', '0')}${xmlOf('Limit', 5)}`),
    },
    {
      service: hosp,
      body: env(
        hosp.ns,
        'SendReferralsRequest',
        `${xmlOf('Header', { PackageId: `fuzz-${randomUUID()}`, SenderCode: soapMo, CreatedAt: new Date().toISOString() })}${xmlOf(
          'Referral',
          referralAsSoap(r),
        )}`,
      ),
    },
    {
      service: erz,
      body: env(
        erz.ns,
        'GetInsuranceAffiliationRequest',
        `${xmlOf('Enp', hf.persons[1]!.enp)}${xmlOf('OnDate', isoDaysAgo(0))}`,
      ),
    },
    {
      service: erz,
      body: env(
        erz.ns,
        'SendErzExtractRequest',
        `${xmlOf('Header', { PackageId: `fuzz-${randomUUID()}`, SenderCode: tfoms })}${xmlOf('Person', {
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
          })),
        })}`,
      ),
    },
    {
      service: nsi,
      body: env(
        nsi.ns,
        'GetDirectoryRecordsRequest',
        `${xmlOf('DirectoryCode', 'V002')}${xmlOf('ValidOn', isoDaysAgo(0))}`,
      ),
    },
    { service: registry, body: env(registry.ns, 'GetRegistryStatusRequest', xmlOf('ImportId', 1)) },
  ];
}

type TextMutation =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'repeat'; at: number; length: number }
  | { kind: 'value'; which: number; text: string }
  | { kind: 'cut'; at: number };

/** Percent-encodes any string (a lone surrogate, which encodeURIComponent refuses, as its UTF-8 bytes). */
function percentEncoded(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...Buffer.from(value, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  }
}

const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: position,
    text: fc.oneof(fc.constantFrom(...xmlTokens), text),
  }),
  fc.record({ kind: fc.constant('repeat' as const), at: position, length: fc.integer({ min: 1, max: 200 }) }),
  { arbitrary: fc.record({ kind: fc.constant('value' as const), which: fc.nat(), text }), weight: 3 },
  fc.record({ kind: fc.constant('cut' as const), at: position }),
);

function mutateText(source: string, mutations: readonly TextMutation[]): string {
  let out = source;
  for (const m of mutations) {
    if (m.kind === 'value') {
      // Replace the text of one element: `>value<`
      const values = [...out.matchAll(/>([^<>]+)</g)];
      const hit = values.length ? values[m.which % values.length]! : undefined;
      if (hit?.index !== undefined) {
        const start = hit.index + 1;
        out = `${out.slice(0, start)}${m.text.replace(/[<&]/g, (c) => (c === '<' ? '&lt;' : '&amp;'))}${out.slice(start + hit[1]!.length)}`;
      }
      continue;
    }
    const at = Math.floor(m.at * (out.length + 1));
    if (m.kind === 'delete') out = out.slice(0, at) + out.slice(at + m.length);
    else if (m.kind === 'insert') out = out.slice(0, at) + m.text + out.slice(at);
    else if (m.kind === 'repeat') out = out.slice(0, at + m.length) + out.slice(at);
    else out = out.slice(0, at);
  }
  return out;
}

/** A JSON value, or raw JSON text no JS value produces (huge and infinite numbers, deep nesting, __proto__). */
const rawJsonSpecials = [
  '1e309',
  '-1e309',
  '2147483648',
  '9007199254740993',
  '99999999999999999999',
  '-1',
  '1.5',
  '"2026-02-31"',
  '"0000-00-00"',
  '"9999-99-99"',
  '"\\u0000"',
  '"\\ud800"',
  `"${'x'.repeat(5000)}"`,
  `${'['.repeat(3000)}${']'.repeat(3000)}`,
  '{"__proto__":{"polluted":1}}',
  '{"constructor":{"prototype":{"polluted":1}}}',
  'null',
  '[]',
  '{}',
];
const marker = '"§RAW§"';
const jsonPiece = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null'),
  fc.constantFrom(...rawJsonSpecials),
  special.map((s) => JSON.stringify(s)),
);

/** A valid body with one field (at any depth) replaced by `piece`, or deleted. */
function replaceField(body: unknown, which: number, piece: string | null): string {
  const paths: string[][] = [];
  const walk = (v: unknown, path: string[]) => {
    if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        paths.push([...path, k]);
        walk(child, [...path, k]);
      }
    }
  };
  walk(body, []);
  const copy = JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
  const path = paths[which % Math.max(paths.length, 1)];
  if (!path) return JSON.stringify(copy);
  let parent: Record<string, unknown> = copy;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string, unknown>;
  const last = path[path.length - 1]!;
  if (piece === null) delete parent[last];
  else parent[last] = '§RAW§';
  return JSON.stringify(copy).replace(marker, piece ?? 'null');
}

// ─── the properties ─────────────────────────────────────────────────────────────────────────────────────────

describe('fuzzing the running system: never a 5xx, never a broken connection, /health keeps answering', () => {
  it('SOAP: random XML-ish text, raw or inside an envelope, to every service', async () => {
    const body = fc.oneof(
      xmlish,
      xmlish.map(
        (inner) =>
          `<?xml version="1.0"?><soap:Envelope xmlns:soap="${soapNs.envelope11}"><soap:Body>${inner}</soap:Body></soap:Envelope>`,
      ),
      fc.uint8Array({ maxLength: 512 }).map((b) => Buffer.from(b).toString('latin1')),
    );
    const result = await fuzz(fc.tuple(fc.constantFrom(...services), body), ([service, text]) => ({
      method: 'POST',
      path: service.path,
      headers: { 'content-type': 'text/xml; charset=utf-8', authorization: basicAuth(service.user) },
      body: text,
    }));
    expect(report('SOAP random text', result)).toBe('');
  }, 180_000);

  it('SOAP: valid envelopes with text deleted, inserted, repeated, cut or values replaced', async () => {
    const envelopes = validEnvelopes();
    const result = await fuzz(
      fc.tuple(fc.nat(envelopes.length - 1), fc.array(textMutation, { minLength: 1, maxLength: 4 })),
      ([which, mutations]) => {
        const { service, body } = envelopes[which]!;
        return {
          method: 'POST',
          path: service.path,
          headers: { 'content-type': 'text/xml; charset=utf-8', authorization: basicAuth(service.user) },
          body: mutateText(body, mutations),
        };
      },
      300,
    );
    expect(report('SOAP mutated envelopes', result)).toBe('');
  }, 180_000);

  it('REST: random JSON, and valid bodies with a field replaced by anything, to the write routes', async () => {
    const validBodies: { path: string; user: string; body: unknown }[] = [
      { path: '/api/v1/referrals', user: 'test_mo', body: referral(hf, hf.persons[2]!) },
      {
        path: '/api/v1/persons/affiliation',
        user: 'test_tfoms',
        body: { fam: 'Иванов', im: 'Иван', birthDate: '1980-01-01', onDate: isoDaysAgo(0) },
      },
      {
        path: '/api/v1/free-beds',
        user: 'test_hosp',
        body: {
          records: [
            {
              date: isoDaysAgo(0),
              departmentCode: hf.department.code,
              conditions: hf.department.conditions,
              bedProfile: hf.department.bedProfile,
              occupiedAtStart: 1,
              admitted: 0,
              discharged: 0,
              plannedToday: 0,
              freeTotal: 1,
              freeMale: 1,
              freeFemale: 0,
              freeAdult: 1,
              freeChild: 0,
              forecast: [{ date: isoDaysAgo(-1), free: 1 }],
            },
          ],
        },
      },
      {
        path: '/api/v1/hospitalisation/packages/referral',
        user: 'test_mo',
        body: {
          header: { packageId: 'fuzz-package', senderCode: hf.polyclinic },
          records: [referral(hf, hf.persons[3]!)],
        },
      },
      {
        path: '/api/v1/hospital-plans',
        user: 'test_hosp',
        body: {
          records: [
            {
              year: 2027,
              month: 1,
              profile: hf.department.profile,
              conditions: 1,
              smoCode: hf.smo,
              planned: 1,
            },
          ],
        },
      },
    ];
    const body = fc.oneof(fc.record({ kind: fc.constant('any' as const), text: jsonPiece }), {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('field' as const),
        which: fc.nat(),
        piece: fc.option(jsonPiece, { nil: null }),
      }),
    });
    const result = await fuzz(fc.tuple(fc.nat(validBodies.length - 1), body), ([which, b]) => {
      const route = validBodies[which]!;
      return {
        method: 'POST',
        path: route.path,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(route.user)}` },
        body: b.kind === 'any' ? b.text : replaceField(route.body, b.which, b.piece),
      };
    });
    expect(report('REST bodies', result)).toBe('');
  }, 180_000);

  it('REST: random query strings (known and unknown keys, any values, raw percent escapes) to the read routes', async () => {
    const routes = [
      {
        path: '/api/v1/referrals',
        user: 'test_mo',
        keys: [
          'direction',
          'status',
          'profile',
          'moCode',
          'dateFrom',
          'dateTo',
          'overdue',
          'personId',
          'q',
          'page',
          'pageSize',
          'sort',
        ],
      },
      {
        path: '/api/v1/admissions',
        user: 'test_hosp',
        keys: ['kind', 'state', 'moCode', 'dateFrom', 'dateTo', 'personId', 'page', 'pageSize'],
      },
      {
        path: '/api/v1/persons',
        user: 'test_tfoms',
        keys: ['q', 'enp', 'snils', 'fam', 'birthDate', 'smoCode', 'moCode', 'page', 'pageSize', 'sort'],
      },
      {
        path: '/api/v1/free-beds',
        user: 'test_mo',
        keys: ['date', 'profile', 'bedProfile', 'conditions', 'moCode'],
      },
      {
        path: '/api/v1/nsi/directories/V002/records',
        user: 'test_mo',
        keys: ['q', 'validOn', 'page', 'pageSize', 'sort'],
      },
      {
        path: '/api/v1/audit',
        user: 'test_tfoms',
        keys: [
          'from',
          'to',
          'username',
          'orgCode',
          'role',
          'channel',
          'action',
          'entity',
          'personId',
          'recordId',
          'requestId',
          'page',
          'pageSize',
          'after',
        ],
      },
      { path: '/api/v1/hospitalisation/feeds/referrals', user: 'test_mo', keys: ['cursor', 'limit', 'sent'] },
      {
        path: '/api/v1/hospitalisation/files',
        user: 'test_mo',
        keys: ['status', 'type', 'page', 'pageSize'],
      },
      { path: '/api/v1/erz/imports', user: 'test_admin', keys: ['status', 'page', 'pageSize'] },
      {
        path: '/api/v1/hospitalisation/files/export',
        user: 'test_mo',
        keys: ['type', 'from', 'to', 'encoding', 'zip'],
      },
    ];
    const prototypeKeys = [
      '__proto__',
      'constructor',
      'toString',
      'valueOf',
      'hasOwnProperty',
      '__proto__[x]',
    ];
    /** A query value as sent: percent-encoded text, or raw escapes (possibly invalid UTF-8 or malformed). */
    const value = fc.oneof(
      text.map(percentEncoded),
      fc
        .uint8Array({ maxLength: 8 })
        .map((b) => [...b].map((x) => `%${x.toString(16).padStart(2, '0')}`).join('')),
      fc.constantFrom('%', '%E0%A4%A', '%%', '%u0041', '+', '&&', '=='),
    );
    const query = fc.array(
      fc.tuple(
        fc.oneof(
          fc.nat(20),
          fc.constantFrom(...prototypeKeys),
          fc.string({ maxLength: 6 }).map(percentEncoded),
        ),
        value,
      ),
      { maxLength: 6 },
    );
    const result = await fuzz(
      fc.tuple(fc.nat(routes.length - 1), query),
      ([which, pairs]) => {
        const route = routes[which]!;
        const search = pairs
          .map(([k, v]) => `${typeof k === 'number' ? route.keys[k % route.keys.length] : k}=${v}`)
          .join('&');
        return {
          method: 'GET',
          path: `${route.path}?${search}`,
          headers: { authorization: `Bearer ${tokens.get(route.user)}` },
        };
      },
      200,
    );
    expect(report('REST query strings', result)).toBe('');
  }, 180_000);
});
