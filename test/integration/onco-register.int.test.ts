import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { unzipSync } from 'fflate';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as deleteListHandler } from '../../functions/rest/registry/onco/delete-list';
import { handler as exportHandler } from '../../functions/rest/registry/onco/export-persons';
import { handler as timelineHandler } from '../../functions/rest/registry/onco/get-person';
import { handler as listListsHandler } from '../../functions/rest/registry/onco/list-lists';
import { handler as listHandler } from '../../functions/rest/registry/onco/list-persons';
import { handler as servicesHandler } from '../../functions/rest/registry/onco/list-services';
import { handler as saveListHandler } from '../../functions/rest/registry/onco/save-list';
import { handler as searchHandler } from '../../functions/rest/registry/onco/search-persons';
import { type Role, roleOrganisationKind } from '../../shared/platform/access/roles';
import { type AccessContext, withCaller } from '../../shared/platform/access/scoped';
import { baseOptions, type Sql, type Tx } from '../../shared/platform/db/connection';
import { getPorts, type Ports, setPorts } from '../../shared/platform/ports/ports';
import { exportOncoPersons } from '../../shared/registry/db/onco-export';
import { listOncoPersons, oncoPersonTimeline, personServices } from '../../shared/registry/db/onco-queries';
import { OncoCriteria, type OncoNodeInput } from '../../shared/registry/domain/onco-criteria';
import { oncoRoutes } from '../../shared/registry/onco-routes';
import { registryPermissions } from '../../shared/registry/permissions';
import { createTestDatabase, type TestCaller, type TestDatabase } from '../helpers/database';
import { insertManyOncoCases, insertOncoCases } from '../helpers/onco-fixtures';

// The oncology register's read side (issue 12 item 4) over cases inserted directly (test/helpers/onco-fixtures.ts):
// the list builder's known answers, the timeline's field groups with НСИ names, each kind of organisation's scope,
// the audit entries, the export, the REST handlers, and the list query's plans at a few thousand rows.

let db: TestDatabase;
const today = '2026-06-30';
const callers: Record<string, TestCaller> = {};
const org = { moA: '', moB: '', smo1: '', smo2: '' };
/** The fixture's persons: p1 … p7 → person id. */
const p: Record<string, string> = {};
const label = new Map<string, string>();

async function pickPersons(mo: string, smo: string, count: number): Promise<string[]> {
  const rows = await db.sql<{ id: string }[]>`
    select p.id::text from person.person p
    where exists (select 1 from person.attachment a where a.person_id = p.id and a.mo_code = ${mo}
                    and a.date_beg <= current_date and (a.date_end is null or a.date_end >= current_date))
      and exists (select 1 from person.policy po where po.person_id = p.id and po.smo_code = ${smo}
                    and po.date_beg <= current_date and (po.date_end is null or po.date_end >= current_date))
      and not exists (select 1 from person.person_link l where l.person_id = p.id)
      and not exists (select 1 from registry.onco_person o where o.person_id = p.id)
    order by p.id limit ${count}`;
  if (rows.length < count) throw new Error(`not enough persons attached to ${mo} and insured by ${smo}`);
  return rows.map((r) => r.id);
}

beforeAll(async () => {
  db = await createTestDatabase();
  for (const username of [
    'test_mo',
    'test_mo2',
    'test_smo',
    'test_smo2',
    'test_tfoms',
    'test_nsi',
    'test_mo_head',
  ]) {
    const [a] = await db.sql<{ role: Role; org_code: string }[]>`
      select role, org_code from auth.account where username = ${username}`;
    callers[username] = { username, role: a!.role, orgCode: a!.org_code, channel: 'web' };
  }
  org.moA = callers.test_mo!.orgCode;
  org.moB = callers.test_mo2!.orgCode;
  org.smo1 = callers.test_smo!.orgCode;
  org.smo2 = callers.test_smo2!.orgCode;
  const picked = [
    ...(await pickPersons(org.moA, org.smo1, 2)).map((id, i) => [['p1', 'p6'][i]!, id] as const),
    ...(await pickPersons(org.moA, org.smo2, 1)).map((id) => ['p2', id] as const),
    ...(await pickPersons(org.moB, org.smo1, 2)).map((id, i) => [['p3', 'p5'][i]!, id] as const),
    ...(await pickPersons(org.moB, org.smo2, 2)).map((id, i) => [['p4', 'p7'][i]!, id] as const),
  ];
  for (const [name, id] of picked) p[name] = id;
  for (const [k, v] of Object.entries(p)) label.set(v, k);
  const { moA, moB, smo1, smo2 } = org;
  await insertOncoCases(db.sql, [
    // p1: suspicion (referral to an oncologist) → oncologist → C50.4 first detected with histology and a
    // consilium → drug therapy (trastuzumab, scheme sh0001) with dispensary observation taken.
    {
      personId: p.p1!,
      moCode: moA,
      smoCode: smo1,
      sl: [
        {
          date1: '2026-01-12',
          ds1: 'R92',
          dsOnk: 1,
          profil: 97,
          napr: [{ NAPR_DATE: '2026-01-12', NAPR_MO: moA, NAPR_V: '1' }],
          services: [{ code: 'B01.047.001', dateIn: '2026-01-12', profil: 97 }],
        },
      ],
    },
    {
      personId: p.p1!,
      moCode: moA,
      smoCode: smo1,
      sl: [
        {
          date1: '2026-01-14',
          ds1: 'R92',
          dsOnk: 1,
          profil: 60,
          napr: [
            { NAPR_DATE: '2026-01-14', NAPR_MO: moA, NAPR_V: '3', MET_ISSL: '2', NAPR_USL: 'A11.20.010' },
          ],
        },
      ],
    },
    {
      personId: p.p1!,
      moCode: moA,
      smoCode: smo1,
      sl: [
        {
          date1: '2026-01-26',
          date2: '2026-01-28',
          ds1: 'C50.4',
          cZab: 2,
          profil: 60,
          cons: [{ PR_CONS: '2', DT_CONS: '2026-01-27' }],
          onk: {
            ds1t: 0,
            stad: 257,
            t: 295,
            n: 191,
            m: 119,
            bDiag: [
              { DIAG_DATE: '2026-01-20', DIAG_TIP: '1', DIAG_CODE: '1', DIAG_RSLT: '1', REC_RSLT: '1' },
            ],
            onkUsl: [{ USL_TIP: '5' }],
          },
          services: [{ code: 'A08.20.009', dateIn: '2026-01-26', vidVme: 'A08.20.009' }],
        },
      ],
    },
    {
      personId: p.p1!,
      moCode: moA,
      smoCode: smo1,
      sl: [
        {
          date1: '2026-02-02',
          date2: '2026-02-06',
          ds1: 'C50.4',
          profil: 60,
          dn: 2,
          cons: [{ PR_CONS: '0' }],
          onk: {
            ds1t: 0,
            stad: 257,
            wei: 70,
            hei: 170,
            bsa: 1.8,
            onkUsl: [
              {
                USL_TIP: '2',
                LEK_TIP_L: '1',
                LEK_TIP_V: '1',
                PPTR: '1',
                LEK_PR: [{ REGNUM: '002120', CODE_SH: 'sh0001', DATE_INJ: ['2026-02-05', '2026-02-02'] }],
              },
            ],
          },
          services: [{ code: 'A25.30.033', dateIn: '2026-02-02', dateOut: '2026-02-06' }],
        },
      ],
    },
    // p2: C34.1 at МО B (attached to A), progression with distant metastases, refusal of chemotherapy, no
    // consilium, no treatment.
    {
      personId: p.p2!,
      moCode: moB,
      smoCode: smo2,
      sl: [
        {
          date1: '2026-03-02',
          date2: '2026-03-04',
          ds1: 'C34.1',
          cZab: 3,
          profil: 60,
          onk: { ds1t: 2, stad: 130, mtstz: 1, bProt: [{ PROT: '5', D_PROT: '2026-03-03' }] },
        },
      ],
    },
    // p3: suspicion with a referral to a biopsy, never diagnosed.
    {
      personId: p.p3!,
      moCode: moB,
      smoCode: smo1,
      sl: [
        {
          date1: '2026-04-01',
          ds1: 'D48.5',
          dsOnk: 1,
          profil: 97,
          napr: [{ NAPR_DATE: '2026-03-30', NAPR_V: '2' }],
        },
      ],
    },
    // p4: C16.2 operated at МО B, radiation at МО A; no consilium.
    {
      personId: p.p4!,
      moCode: moB,
      smoCode: smo2,
      sl: [
        {
          date1: '2026-02-10',
          date2: '2026-02-20',
          ds1: 'C16.2',
          cZab: 3,
          profil: 60,
          onk: { ds1t: 0, stad: 20, onkUsl: [{ USL_TIP: '1', HIR_TIP: '1' }] },
        },
      ],
    },
    {
      personId: p.p4!,
      moCode: moA,
      smoCode: smo2,
      sl: [
        {
          date1: '2026-03-15',
          date2: '2026-03-30',
          ds1: 'C16.2',
          profil: 60,
          onk: { ds1t: 0, sod: 40, kFr: 20, onkUsl: [{ USL_TIP: '3', LUCH_TIP: '1' }] },
        },
      ],
    },
    // p5: D05.1 first detected with a marker (no result yet) and consilia, treated 20 days later.
    {
      personId: p.p5!,
      moCode: moB,
      smoCode: smo1,
      sl: [
        {
          date1: '2026-05-05',
          ds1: 'D05.1',
          cZab: 2,
          profil: 97,
          cons: [{ PR_CONS: '1', DT_CONS: '2026-05-06' }],
          onk: { ds1t: 0, stad: 3, bDiag: [{ DIAG_DATE: '2026-05-04', DIAG_TIP: '2', DIAG_CODE: '5' }] },
        },
      ],
    },
    {
      personId: p.p5!,
      moCode: moB,
      smoCode: smo1,
      sl: [
        {
          date1: '2026-05-25',
          ds1: 'D05.1',
          profil: 97,
          cons: [{ PR_CONS: '3', DT_CONS: '2026-05-25' }],
          onk: {
            ds1t: 0,
            onkUsl: [
              { USL_TIP: '2', LEK_PR: [{ REGNUM: '000456', CODE_SH: 'sh0002', DATE_INJ: ['2026-05-25'] }] },
            ],
          },
        },
      ],
    },
    // p6: C50.9 in 2025, a relapse with metastases; no consilium, no treatment.
    {
      personId: p.p6!,
      moCode: moA,
      smoCode: smo1,
      sl: [{ date1: '2025-06-01', ds1: 'C50.9', cZab: 3, profil: 60, onk: { ds1t: 0, stad: 257 } }],
    },
    {
      personId: p.p6!,
      moCode: moA,
      smoCode: smo1,
      sl: [{ date1: '2025-11-01', ds1: 'C50.9', profil: 60, onk: { ds1t: 1, mtstz: 1 } }],
    },
    // p7: a cold, not an onco case: not in the register.
    {
      personId: p.p7!,
      moCode: moB,
      smoCode: smo2,
      fileKind: 'H',
      sl: [
        {
          date1: '2026-02-01',
          ds1: 'J06.9',
          profil: 97,
          services: [{ code: 'B01.026.001', dateIn: '2026-02-01' }],
        },
      ],
    },
  ]);
}, 120_000);

afterAll(async () => {
  setPorts(undefined);
  await db?.drop();
});

const tfoms = () => callers.test_tfoms!;
const criteria = (...conditions: OncoNodeInput[]) =>
  OncoCriteria.parse({ kind: 'group', op: 'and', conditions });
const or = (...conditions: OncoNodeInput[]): OncoNodeInput => ({ kind: 'group', op: 'or', conditions });
const and = (...conditions: OncoNodeInput[]): OncoNodeInput => ({ kind: 'group', op: 'and', conditions });
const sameCase = (...conditions: OncoNodeInput[]): OncoNodeInput => ({
  kind: 'group',
  op: 'and',
  sameCase: true,
  conditions,
});

/** The fixture persons a list answers, by label, sorted (other persons of the database would show as ids). */
async function found(who: TestCaller, tree: ReturnType<typeof criteria>): Promise<string[]> {
  const page = await db.as(who, (tx) =>
    listOncoPersons(tx, tree, { page: 1, pageSize: 200, sort: '-lastDate' }, { today }),
  );
  expect(page.hasMore).toBe(false);
  return page.items.map((i) => label.get(i.person.id) ?? i.person.id).sort();
}

describe('the list builder: known answers (as ТФОМС)', () => {
  const cases: [string, () => ReturnType<typeof criteria>, string[]][] = [
    [
      'a diagnosis range of a case (C50 … C50)',
      () => criteria({ kind: 'diagnosis', from: 'C50', to: 'C50' }),
      ['p1', 'p6'],
    ],
    [
      'the first ЗНО diagnosis in C00 … D09',
      () => criteria({ kind: 'diagnosis', from: 'C00', to: 'D09', of: 'first' }),
      ['p1', 'p2', 'p4', 'p5', 'p6'],
    ],
    [
      'the latest diagnosis in С50 (typed in Cyrillic)',
      () => criteria({ kind: 'diagnosis', from: 'С50', to: 'С50', of: 'last' }),
      ['p1', 'p6'],
    ],
    [
      'stage 130 OR distant metastases',
      () => criteria(or({ kind: 'stage', codes: [130] }, { kind: 'metastases' })),
      ['p2', 'p6'],
    ],
    [
      'a case at МО A AND radiation therapy',
      () => criteria({ kind: 'mo', codes: [org.moA] }, { kind: 'serviceType', types: [3] }),
      ['p4'],
    ],
    [
      'surgery AND a case at МО A (any cases)',
      () => criteria({ kind: 'serviceType', types: [1], surgery: [1] }, { kind: 'mo', codes: [org.moA] }),
      ['p4'],
    ],
    [
      'surgery AND МО A in one case (the surgery was at МО B)',
      () => criteria(sameCase({ kind: 'serviceType', types: [1] }, { kind: 'mo', codes: [org.moA] })),
      [],
    ],
    ['a drug (REGNUM 002120)', () => criteria({ kind: 'drug', regnums: ['002120'] }), ['p1']],
    ['a scheme (sh0002)', () => criteria({ kind: 'drug', schemes: ['sh0002'] }), ['p5']],
    [
      'a drug with a scheme it was not given in',
      () => criteria({ kind: 'drug', regnums: ['002120'], schemes: ['sh0002'] }),
      [],
    ],
    [
      'suspicion without a diagnosis within 10 days',
      () => criteria({ kind: 'suspicionWithoutDiagnosis', days: 10 }),
      ['p1', 'p3'],
    ],
    [
      'suspicion without a diagnosis within 15 days',
      () => criteria({ kind: 'suspicionWithoutDiagnosis', days: 15 }),
      ['p3'],
    ],
    [
      'a diagnosis without treatment within 14 days',
      () => criteria({ kind: 'diagnosisWithoutTreatment', days: 14 }),
      ['p2', 'p5', 'p6'],
    ],
    [
      'a refusal OR a ЗНО case without a consilium',
      () => criteria(or({ kind: 'refusal' }, { kind: 'noConsilium' })),
      ['p2', 'p4', 'p6'],
    ],
    ['a consilium held', () => criteria({ kind: 'consilium' }), ['p1', 'p5']],
    [
      'a consilium that set the treatment (N019 2)',
      () => criteria({ kind: 'consilium', purposes: [2] }),
      ['p1'],
    ],
    [
      '(C50 OR C16) AND a case in February 2026',
      () =>
        criteria(
          or({ kind: 'diagnosis', from: 'C50', to: 'C50' }, { kind: 'diagnosis', from: 'C16', to: 'C16' }),
          { kind: 'period', from: '2026-02-01', to: '2026-02-28' },
        ),
      ['p1', 'p4'],
    ],
    ['first detected', () => criteria({ kind: 'firstDetected' }), ['p1', 'p5']],
    ['a relapse (DS1_T 1)', () => criteria({ kind: 'reason', codes: [1] }), ['p6']],
    ['histology with a result', () => criteria({ kind: 'histology', type: 1, withResult: true }), ['p1']],
    ['a marker', () => criteria({ kind: 'histology', type: 2 }), ['p5']],
    [
      'histology or a marker without a result',
      () => criteria({ kind: 'histology', withResult: false }),
      ['p5'],
    ],
    ['cases paid by СМО 2', () => criteria({ kind: 'smo', codes: [org.smo2] }), ['p2', 'p4']],
    ['TNM: T 295', () => criteria({ kind: 'tnm', t: [295] }), ['p1']],
    ['a referral to a biopsy', () => criteria({ kind: 'referral', kinds: [2] }), ['p3']],
    [
      'a referral to an examination by an instrumental method',
      () => criteria({ kind: 'referral', kinds: [3], methods: [2] }),
      ['p1'],
    ],
    ['any referral at suspicion', () => criteria({ kind: 'referral' }), ['p1', 'p3']],
    [
      'a case of the «онкология» profile',
      () => criteria({ kind: 'profile', codes: [60] }),
      ['p1', 'p2', 'p4', 'p6'],
    ],
    [
      'C50 with trastuzumab in February 2026, in one case',
      () =>
        criteria(
          sameCase(
            { kind: 'diagnosis', from: 'C50', to: 'C50' },
            { kind: 'drug', regnums: ['002120'] },
            { kind: 'period', from: '2026-02-01', to: '2026-02-28' },
          ),
        ),
      ['p1'],
    ],
    [
      '(first detected AND СМО 1) OR (metastases AND no treatment within 14 days), nested',
      () =>
        criteria(
          or(
            and({ kind: 'firstDetected' }, { kind: 'smo', codes: [org.smo1] }),
            and({ kind: 'metastases' }, { kind: 'diagnosisWithoutTreatment', days: 14 }),
          ),
        ),
      ['p1', 'p2', 'p5', 'p6'],
    ],
    ['suspicion', () => criteria({ kind: 'suspicion' }), ['p1', 'p3']],
    ['everything', () => criteria(), ['p1', 'p2', 'p3', 'p4', 'p5', 'p6']],
  ];
  for (const [name, tree, expected] of cases) {
    it(name, async () => {
      expect(await found(tfoms(), tree())).toEqual(expected);
    });
  }

  it('pages in last-date order with hasMore, never a count', async () => {
    const all = criteria();
    const first = await db.as(tfoms(), (tx) =>
      listOncoPersons(tx, all, { page: 1, pageSize: 4, sort: '-lastDate' }, { today }),
    );
    const second = await db.as(tfoms(), (tx) =>
      listOncoPersons(tx, all, { page: 2, pageSize: 4, sort: '-lastDate' }, { today }),
    );
    expect(first.items).toHaveLength(4);
    expect(first.hasMore).toBe(true);
    expect(second.items).toHaveLength(2);
    expect(second.hasMore).toBe(false);
    const dates = [...first.items, ...second.items].map((i) => i.lastDate);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(Object.keys(first)).toEqual(['items', 'hasMore', 'page', 'pageSize']);
  });

  it('shows a row with the person, МКБ and stage names, dates, timeliness and МО names', async () => {
    const page = await db.as(tfoms(), (tx) =>
      listOncoPersons(
        tx,
        criteria({ kind: 'drug', regnums: ['002120'] }),
        { page: 1, pageSize: 5, sort: '-lastDate' },
        { today },
      ),
    );
    const row = page.items[0]!;
    const [person] = await db.sql<
      { enp: string; fam: string }[]
    >`select enp, fam from person.person where id = ${p.p1!}`;
    expect(row.person).toMatchObject({ id: p.p1, enp: person!.enp, fam: person!.fam });
    expect(row.diagnosis?.code).toBe('C50.4');
    expect(row.diagnosis?.name).toMatch(/молочн/i);
    expect(row.stage).toEqual({ code: '257', name: 'C50: стадия IIA' });
    expect(row).toMatchObject({
      suspicionDate: '2026-01-12',
      diagnosisDate: '2026-01-26',
      treatmentDate: '2026-02-02',
      firstDetected: true,
      cases: 4,
    });
    expect(row.timeliness.suspicionToDiagnosis).toMatchObject({ days: 10, limit: 10, status: 'inTime' });
    expect(row.timeliness.diagnosisToTreatment).toMatchObject({ days: 5, limit: 7, status: 'inTime' });
    expect(row.organisations).toHaveLength(1);
    expect(row.organisations[0]!.code).toBe(org.moA);
    expect(row.organisations[0]!.name).toBeTruthy();
  });
});

describe('visibility: each kind of organisation sees exactly its scope', () => {
  const scopes: [string, string[]][] = [
    ['test_mo', ['p1', 'p2', 'p4', 'p6']],
    ['test_mo2', ['p2', 'p3', 'p4', 'p5']],
    ['test_smo', ['p1', 'p3', 'p5', 'p6']],
    ['test_smo2', ['p2', 'p4']],
    ['test_tfoms', ['p1', 'p2', 'p3', 'p4', 'p5', 'p6']],
  ];
  for (const [username, expected] of scopes) {
    it(`${username}: the register, the cases and a query that forgets its scope`, async () => {
      const who = callers[username]!;
      expect(await found(who, criteria())).toEqual(expected);
      // Row-level security holds for any query of the tables as the application role.
      const seen = await db.as(who, async (tx) => ({
        register: await tx<{ id: string }[]>`select person_id::text as id from registry.onco_person`,
        sl: await tx<{ id: string }[]>`select distinct person_id::text as id from registry.sl`,
        zcase: await tx<{ id: string }[]>`select distinct person_id::text as id from registry.zcase`,
        usl: await tx<{ id: string }[]>`select distinct person_id::text as id from registry.usl`,
      }));
      const labels = (rows: { id: string }[]) => rows.map((r) => label.get(r.id) ?? r.id).sort();
      expect(labels(seen.register)).toEqual(expected);
      const withP7 = ['test_mo2', 'test_smo2', 'test_tfoms'].includes(username) ? ['p7'] : [];
      expect(labels(seen.sl)).toEqual([...expected, ...withP7].sort());
      expect(labels(seen.zcase)).toEqual([...expected, ...withP7].sort());
    });
  }

  it('an МО opens the whole history of a person it treated, and another МО’s patient does not exist for it', async () => {
    const mo = callers.test_mo!;
    const p4 = await db.as(mo, (tx) => oncoPersonTimeline(tx, p.p4!, { today }));
    expect(p4?.cases.map((c) => c.mo?.code)).toEqual([org.moB, org.moA]);
    expect(await db.as(mo, (tx) => oncoPersonTimeline(tx, p.p3!, { today }))).toBeNull();
    expect(await db.as(mo, (tx) => personServices(tx, p.p5!, { page: 1, pageSize: 10 }))).toBeNull();
    expect(await db.as(callers.test_smo2!, (tx) => oncoPersonTimeline(tx, p.p1!, { today }))).toBeNull();
  });
});

describe('the timeline of a person', () => {
  it('has every onco field group with НСИ names, the codes beside them, and the timeliness of each step', async () => {
    const t = (await db.as(tfoms(), (tx) => oncoPersonTimeline(tx, p.p1!, { today })))!;

    expect(t.person.id).toBe(p.p1);
    expect(t.register).toMatchObject({
      suspicionDate: '2026-01-12',
      diagnosisDate: '2026-01-26',
      treatmentDate: '2026-02-02',
      firstDetected: true,
      cases: 4,
      stage: { code: '257', name: 'C50: стадия IIA' },
    });
    expect(t.cases.map((c) => c.dateFrom)).toEqual(['2026-01-12', '2026-01-14', '2026-01-26', '2026-02-02']);
    const [suspected, visit, diagnosed, treated] = t.cases.map((c) => c.sl[0]!);

    // The case (ZAP): conditions, kind, form, result, outcome (V006/V008/V014/V009/V012), МО and СМО names
    const zcase = t.cases[0]!;
    for (const coded of [zcase.conditions, zcase.kind, zcase.form, zcase.result, zcase.outcome]) {
      expect(coded?.name).toBeTruthy();
    }
    expect(zcase.mo).toMatchObject({ code: org.moA });
    expect(zcase.mo?.name).toBeTruthy();
    expect(zcase.smo).toMatchObject({ code: org.smo1 });
    expect(zcase.smo?.name).toBeTruthy();

    // Suspicion and the referral at suspicion (V028 kind, V029 method, V001 service), timed
    expect(suspected).toMatchObject({ suspicion: true, oncologyProfile: false });
    expect(suspected!.referrals[0]).toMatchObject({
      date: '2026-01-12',
      mo: { code: org.moA },
      kind: { code: '1', name: 'Направление к онкологу' },
      timeliness: { step: 'consultation', to: '2026-01-14', days: 2, status: 'inTime' },
    });
    expect(visit).toMatchObject({ oncologyProfile: true, profile: { code: '60', name: 'онкологии' } });
    expect(visit!.referrals[0]).toMatchObject({
      kind: { code: '3' },
      method: { code: '2' },
      service: 'A11.20.010',
      // the material taken on Tuesday 20 January answers the referral of Wednesday the 14th: 4 working days
      timeliness: { step: 'diagnostics', to: '2026-01-20', days: 4, status: 'inTime' },
    });
    expect(visit!.referrals[0]!.method?.name).toBeTruthy();

    // Diagnosis: МКБ name, character (V027), reason (N018), stage (N002), TNM (N003–N005), histology (N007/N008),
    // consilium (N019)
    expect(diagnosed!.diagnosis).toMatchObject({ code: 'C50.4' });
    expect(diagnosed!.diagnosis?.name).toBeTruthy();
    expect(diagnosed).toMatchObject({ firstDetected: true, character: { code: '2' } });
    expect(diagnosed!.character?.name).toBe('Впервые в жизни установленное хроническое');
    const onco = diagnosed!.onco!;
    expect(onco.reason?.code).toBe('0');
    expect(onco.reason?.name).toMatch(/^Первичное лечение/);
    expect(onco.stage).toEqual({ code: '257', name: 'C50: стадия IIA' });
    expect(onco.tnm.t?.name).toMatch(/^C50: T0/);
    expect(onco.tnm.n?.name).toMatch(/^C50: N0/);
    expect(onco.tnm.m?.name).toMatch(/^C50: M0/);
    expect(onco.diagnostics[0]).toMatchObject({
      date: '2026-01-20',
      type: 1,
      typeName: 'Гистологический признак',
      code: { code: '1', name: 'Гистологический тип опухоли' },
      result: { code: '1', name: 'Эпителиальный' },
      resultReceived: true,
    });
    expect(diagnosed!.consilia[0]).toMatchObject({ purpose: { code: '2' }, date: '2026-01-27' });
    expect(diagnosed!.consilia[0]!.purpose?.name).toMatch(/тактика лечения/);
    expect(onco.services[0]!.type).toMatchObject({ code: '5' });

    // Treatment: N013 type, N015 line, N016 cycle, drugs (N020) with the scheme (V024) and days, weight and height
    const drugTherapy = treated!.onco!;
    expect(drugTherapy).toMatchObject({ weight: '70.0', height: 170, bodySurface: '1.80' });
    expect(drugTherapy.services[0]).toMatchObject({
      type: { code: '2', name: 'Лекарственная противоопухолевая терапия' },
      line: { code: '1', name: 'Первая линия' },
      cycle: { code: '1', name: 'Первый цикл линии' },
      nauseaPrevention: true,
    });
    expect(drugTherapy.services[0]!.drugs[0]).toMatchObject({
      drug: { code: '002120', name: 'Трастузумаб' },
      scheme: { code: 'sh0001', name: 'Абиратерон 1000 мг ежедневно' },
      dates: ['2026-02-02', '2026-02-05'],
    });
    expect(treated!.treatmentDate).toBe('2026-02-02');
    expect(treated!.dispensary).toBe(2);
    expect(treated!.services[0]).toMatchObject({
      code: 'A25.30.033',
      dateIn: '2026-02-02',
      mo: { code: org.moA },
    });

    // The person's spans
    expect(t.timeliness.suspicionToDiagnosis).toMatchObject({ status: 'inTime', days: 10 });
    expect(t.timeliness.diagnosisToTreatment).toMatchObject({ status: 'inTime', days: 5 });
    expect(t.timeliness.dispensary).toMatchObject({ status: 'late', days: 5, limit: 3 });
  });

  it('shows refusals, metastases, radiation, surgery and markers with their names', async () => {
    const p2 = (await db.as(tfoms(), (tx) => oncoPersonTimeline(tx, p.p2!, { today })))!;
    const onco2 = p2.cases[0]!.sl[0]!.onco!;
    expect(onco2.distantMetastases).toBe(true);
    expect(onco2.refusals[0]).toMatchObject({ date: '2026-03-03', reason: { code: '5' } });
    expect(onco2.refusals[0]!.reason?.name).toMatch(/^Отказ от проведения химиотерапевтического/);
    expect(onco2.reason?.name).toMatch(/прогрессировании/);
    expect(p2.timeliness.diagnosisToTreatment).toMatchObject({ to: null, status: 'overdue' });

    const p4 = (await db.as(tfoms(), (tx) => oncoPersonTimeline(tx, p.p4!, { today })))!;
    const [surgery, radiation] = p4.cases.map((c) => c.sl[0]!.onco!);
    expect(surgery!.services[0]!.surgery?.name).toMatch(/^Первичной опухоли/);
    expect(radiation).toMatchObject({ totalDose: '40.00', fractions: 20 });
    expect(radiation!.services[0]!.radiation?.name).toBe('Первичной опухоли / ложа опухоли');
    expect(radiation!.services[0]!.type?.name).toBe('Лучевая терапия');

    const p5 = (await db.as(tfoms(), (tx) => oncoPersonTimeline(tx, p.p5!, { today })))!;
    expect(p5.cases[0]!.sl[0]!.onco!.diagnostics[0]).toMatchObject({
      type: 2,
      typeName: 'Маркёр (ИГХ)',
      code: { code: '5' },
      result: null,
      resultReceived: false,
    });
    expect(p5.cases[0]!.sl[0]!.onco!.diagnostics[0]!.code?.name).toMatch(/EGFR/);

    // A referral to a biopsy nothing answered: overdue; the suspicion waits for a diagnosis past its limit
    const p3 = (await db.as(tfoms(), (tx) => oncoPersonTimeline(tx, p.p3!, { today })))!;
    expect(p3.cases[0]!.sl[0]!.referrals[0]!.timeliness).toMatchObject({
      step: 'diagnostics',
      to: null,
      status: 'overdue',
    });
    expect(p3.timeliness).toMatchObject({
      suspicionToDiagnosis: { from: '2026-03-30', to: null, status: 'overdue' },
      diagnosisToTreatment: null,
      dispensary: null,
    });
  });

  it('filters the cases (the «Онкология» profile, onco cases) and pages the person’s services', async () => {
    const profile = (await db.as(tfoms(), (tx) =>
      oncoPersonTimeline(tx, p.p1!, { today, cases: 'oncologyProfile' }),
    ))!;
    expect(profile.cases.map((c) => c.dateFrom)).toEqual(['2026-01-14', '2026-01-26', '2026-02-02']);
    const p7 = (await db.as(tfoms(), (tx) => oncoPersonTimeline(tx, p.p7!, { today })))!;
    expect(p7.register).toBeNull();
    expect(p7.cases).toHaveLength(1);
    expect(
      (await db.as(tfoms(), (tx) => oncoPersonTimeline(tx, p.p7!, { today, cases: 'onco' })))!.cases,
    ).toEqual([]);

    const services = (await db.as(tfoms(), (tx) => personServices(tx, p.p1!, { page: 1, pageSize: 2 })))!;
    expect(services.items.map((s) => s.dateIn)).toEqual(['2026-02-02', '2026-01-26']);
    expect(services.hasMore).toBe(true);
    expect(services.items[0]!.profile).toEqual({ code: '60', name: 'онкологии' });
    expect(services.items[0]!.diagnosis?.code).toBe('C50.4');
    const oncologists = (await db.as(tfoms(), (tx) =>
      personServices(tx, p.p1!, { page: 1, pageSize: 10, oncologyProfile: true }),
    ))!;
    expect(oncologists.items.every((s) => s.oncologyProfile)).toBe(true);
    expect(oncologists.items).toHaveLength(2);
  });
});

describe('audit and export', () => {
  it('records every read with the persons it showed', async () => {
    const before = await maxAuditId();
    const mo = callers.test_mo!;
    const list = await db.as(mo, (tx) =>
      listOncoPersons(
        tx,
        criteria({ kind: 'firstDetected' }),
        { page: 1, pageSize: 25, sort: '-lastDate' },
        { today },
      ),
    );
    await db.as(mo, (tx) => oncoPersonTimeline(tx, p.p4!, { today }));
    await db.as(mo, (tx) => personServices(tx, p.p1!, { page: 1, pageSize: 5 }));
    const entries = await db.sql<
      { entity: string; action: string; username: string; persons: string[]; details: unknown }[]
    >`
      select entity, action, username, person_ids::text[] as persons, details from audit.entry
      where id > ${before} order by id`;
    expect(entries.map((e) => [e.entity, e.action, e.username])).toEqual([
      ['onco.person', 'read', 'test_mo'],
      ['onco.timeline', 'read', 'test_mo'],
      ['onco.services', 'read', 'test_mo'],
    ]);
    expect(entries[0]!.persons.sort()).toEqual(list.items.map((i) => i.person.id).sort());
    expect(entries[0]!.details).toMatchObject({
      list: true,
      criteria: { conditions: [{ kind: 'firstDetected' }] },
    });
    expect(entries[1]!.persons).toEqual([p.p4]);
    expect(entries[2]!.persons).toEqual([p.p1]);
  });

  it('exports the list as CSV (Russian headers, ДД.ММ.ГГГГ) and XLSX, audited with every person in the file', async () => {
    const before = await maxAuditId();
    const tree = criteria({ kind: 'diagnosis', from: 'C50', to: 'C50' });
    const csv = await db.as(tfoms(), (tx) => exportOncoPersons(tx, tree, 'csv', { today }));
    if (!csv.ok || csv.format !== 'csv') throw new Error('no CSV');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Фамилия;Имя;Отчество;Дата рождения;Пол;ЕНП;Диагноз ЗНО (первый);Дата установления диагноза;Диагноз ЗНО (последний);Стадия (N002);Впервые выявлено;Дата подозрения на ЗНО;Дата начала лечения;От подозрения до диагноза;От диагноза до начала лечения;Случаев;Медицинские организации;Последний случай',
    );
    expect(lines).toHaveLength(3);
    const [person] = await db.sql<
      { fam: string; enp: string }[]
    >`select fam, enp from person.person where id = ${p.p1!}`;
    const p1Line = lines.find((l) => l.includes(person!.enp))!.split(';');
    expect(p1Line[0]).toBe(person!.fam);
    expect(p1Line[6]).toMatch(/^C50\.4 /);
    expect(p1Line[7]).toBe('26.01.2026');
    expect(p1Line[9]).toBe('257 C50: стадия IIA');
    expect(p1Line[10]).toBe('Да');
    expect(p1Line[13]).toBe('В срок: 10 из 10 раб. дн.');
    expect(p1Line[15]).toBe('4');

    const xlsx = await db.as(tfoms(), (tx) => exportOncoPersons(tx, tree, 'xlsx', { today }));
    if (!xlsx.ok || xlsx.format !== 'xlsx') throw new Error('no XLSX');
    const files = unzipSync(new Uint8Array(xlsx.body));
    expect(Object.keys(files)).toContain('xl/worksheets/sheet1.xml');
    const sheetXml = new TextDecoder().decode(files['xl/worksheets/sheet1.xml']);
    const strings = new TextDecoder().decode(files['xl/sharedStrings.xml'] ?? new Uint8Array());
    expect(`${sheetXml}${strings}`).toContain('Дата начала лечения');
    expect(`${sheetXml}${strings}`).toContain(person!.enp);

    const entries = await db.sql<
      { action: string; persons: string[]; details: { format: string; rows: number } }[]
    >`
      select action, person_ids::text[] as persons, details from audit.entry where id > ${before} order by id`;
    expect(entries.map((e) => [e.action, e.details.format, e.details.rows])).toEqual([
      ['export', 'csv', 2],
      ['export', 'xlsx', 2],
    ]);
    expect(entries[0]!.persons.sort()).toEqual([p.p1, p.p6].sort());
  });
});

async function maxAuditId(): Promise<string> {
  const [row] = await db.sql<{ id: string }[]>`select coalesce(max(id), 0)::text as id from audit.entry`;
  return row!.id;
}

// ─── the REST handlers, called as API Gateway calls them ─────────────────────────────────────────────────────

interface Call {
  method: 'GET' | 'POST' | 'DELETE';
  resource: string;
  path: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
}

let requestCount = 0;
async function call(
  handler: (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>,
  username: string,
  c: Call,
): Promise<{
  status: number;
  headers: Record<string, string>;
  body: string;
  // biome-ignore lint/suspicious/noExplicitAny: the answers are checked field by field
  json: any;
  isBase64Encoded: boolean;
}> {
  const who = callers[username]!;
  requestCount += 1;
  const event = {
    httpMethod: c.method,
    resource: c.resource,
    path: c.path,
    pathParameters: c.pathParameters ?? null,
    queryStringParameters: c.query ?? null,
    headers: { 'x-omslink-client': 'web', ...(c.headers ?? {}) },
    body: c.body === undefined ? null : JSON.stringify(c.body),
    isBase64Encoded: false,
    requestContext: {
      requestId: `onco-${requestCount}`,
      authorizer: {
        claims: {
          'cognito:username': who.username,
          'cognito:groups': who.role,
          'custom:org_code': who.orgCode,
        },
      },
    },
  } as unknown as APIGatewayProxyEvent;
  const result = await handler(event, { awsRequestId: `onco-${requestCount}` } as Context);
  const headers = result.headers as Record<string, string>;
  const isJson = /json/.test(headers['content-type'] ?? '');
  return {
    status: result.statusCode,
    headers,
    body: result.body,
    json: isJson && result.body ? JSON.parse(result.body) : null,
    isBase64Encoded: Boolean(result.isBase64Encoded),
  };
}

describe('REST: /api/v1/onco/…', () => {
  let previous: Ports | undefined;
  beforeAll(() => {
    try {
      previous = getPorts();
    } catch {
      previous = undefined;
    }
    setPorts({ sql: async () => db.app } as unknown as Ports);
  });
  afterAll(() => setPorts(previous));

  it('declares the routes the handlers serve', () => {
    expect(oncoRoutes.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/v1/onco/persons',
      'POST /api/v1/onco/persons/search',
      'POST /api/v1/onco/persons/export',
      'GET /api/v1/onco/persons/{personId}',
      'GET /api/v1/onco/persons/{personId}/services',
      'GET /api/v1/onco/lists',
      'POST /api/v1/onco/lists',
      'DELETE /api/v1/onco/lists/{id}',
    ]);
    expect(
      oncoRoutes.every((r) => r.auth === 'user' && r.entry.startsWith('functions/rest/registry/onco/')),
    ).toBe(true);
  });

  it('GET /onco/persons takes the common criteria as parameters and the tree as criteria=<json>', async () => {
    const res = await call(listHandler, 'test_tfoms', {
      method: 'GET',
      resource: '/api/v1/onco/persons',
      path: '/api/v1/onco/persons',
      query: {
        diagnosisFrom: 'C50',
        firstDetected: 'true',
        criteria: JSON.stringify({
          kind: 'group',
          op: 'or',
          conditions: [{ kind: 'consilium', purposes: [2] }],
        }),
      },
    });
    expect(res.status).toBe(200);
    expect(res.json.items.map((i: { person: { id: string } }) => label.get(i.person.id))).toEqual(['p1']);
    expect(res.json.hasMore).toBe(false);

    const bad = await call(listHandler, 'test_tfoms', {
      method: 'GET',
      resource: '/api/v1/onco/persons',
      path: '/api/v1/onco/persons',
      query: { stage: 'IIA', criteria: '{"kind":"group","op":"xor","conditions":[]}' },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    const fields = bad.json.errors.map((e: { field: string; message: string }) => `${e.field}: ${e.message}`);
    expect(fields).toContain('stage.0: Ожидается целое число');
    expect(fields).toContain('criteria.op: Связка условий: and («и») или or («или»)');

    // 50 conditions in the tree and one more as a parameter: over the limit of the whole
    const fifty = Array.from({ length: 25 }, () => ({ kind: 'metastases' }));
    const tooBig = await call(listHandler, 'test_tfoms', {
      method: 'GET',
      resource: '/api/v1/onco/persons',
      path: '/api/v1/onco/persons',
      query: {
        suspicion: 'true',
        criteria: JSON.stringify({
          kind: 'group',
          op: 'and',
          conditions: [
            { kind: 'group', op: 'or', conditions: fifty },
            { kind: 'group', op: 'or', conditions: fifty },
          ],
        }),
      },
    });
    expect(tooBig.status).toBe(400);
    expect(tooBig.json.errors[0].message).toBe('Не более 50 условий во всех группах вместе');
  });

  it('POST /onco/persons/search takes the tree in the body; an МО gets only its scope', async () => {
    const res = await call(searchHandler, 'test_mo2', {
      method: 'POST',
      resource: '/api/v1/onco/persons/search',
      path: '/api/v1/onco/persons/search',
      body: {
        criteria: { kind: 'group', op: 'or', conditions: [{ kind: 'metastases' }, { kind: 'suspicion' }] },
      },
    });
    expect(res.status).toBe(200);
    expect(res.json.items.map((i: { person: { id: string } }) => label.get(i.person.id)).sort()).toEqual([
      'p2',
      'p3',
    ]);
  });

  it('GET /onco/persons/{personId} and …/services answer the timeline and the services; 404 outside the scope', async () => {
    const timeline = await call(timelineHandler, 'test_smo', {
      method: 'GET',
      resource: '/api/v1/onco/persons/{personId}',
      path: `/api/v1/onco/persons/${p.p1}`,
      pathParameters: { personId: p.p1! },
      query: { cases: 'oncologyProfile' },
    });
    expect(timeline.status).toBe(200);
    expect(timeline.json.cases).toHaveLength(3);
    const hidden = await call(timelineHandler, 'test_smo2', {
      method: 'GET',
      resource: '/api/v1/onco/persons/{personId}',
      path: `/api/v1/onco/persons/${p.p1}`,
      pathParameters: { personId: p.p1! },
    });
    expect(hidden.status).toBe(404);
    expect(hidden.json.detail).toBe('Лицо не найдено или недоступно вашей организации.');
    const junk = await call(timelineHandler, 'test_smo', {
      method: 'GET',
      resource: '/api/v1/onco/persons/{personId}',
      path: '/api/v1/onco/persons/abc',
      pathParameters: { personId: 'abc' },
    });
    expect(junk.status).toBe(404);
    const services = await call(servicesHandler, 'test_mo', {
      method: 'GET',
      resource: '/api/v1/onco/persons/{personId}/services',
      path: `/api/v1/onco/persons/${p.p1}/services`,
      pathParameters: { personId: p.p1! },
      query: { pageSize: '2' },
    });
    expect(services.status).toBe(200);
    expect(services.json).toMatchObject({ hasMore: true, page: 1, pageSize: 2 });
  });

  it('saves, lists, shares and deletes criteria; only the author deletes', async () => {
    const tree = { kind: 'group', op: 'and', conditions: [{ kind: 'diagnosis', from: 'C50', to: 'C50' }] };
    const saved = await call(saveListHandler, 'test_mo', {
      method: 'POST',
      resource: '/api/v1/onco/lists',
      path: '/api/v1/onco/lists',
      body: { name: 'Рак молочной железы', criteria: tree, shared: true },
    });
    expect(saved.status).toBe(201);
    expect(saved.json).toMatchObject({
      name: 'Рак молочной железы',
      shared: true,
      own: true,
      createdBy: 'test_mo',
    });
    const mine = await call(saveListHandler, 'test_mo', {
      method: 'POST',
      resource: '/api/v1/onco/lists',
      path: '/api/v1/onco/lists',
      body: { name: 'Только мой', criteria: tree },
    });
    const seenByHead = await call(listListsHandler, 'test_mo_head', {
      method: 'GET',
      resource: '/api/v1/onco/lists',
      path: '/api/v1/onco/lists',
    });
    expect(seenByHead.json.items.map((l: { name: string; own: boolean }) => [l.name, l.own])).toEqual([
      ['Рак молочной железы', false],
    ]);
    const seenByOther = await call(listListsHandler, 'test_mo2', {
      method: 'GET',
      resource: '/api/v1/onco/lists',
      path: '/api/v1/onco/lists',
    });
    expect(seenByOther.json.items).toEqual([]);
    const notTheirs = await call(deleteListHandler, 'test_mo_head', {
      method: 'DELETE',
      resource: '/api/v1/onco/lists/{id}',
      path: `/api/v1/onco/lists/${saved.json.id}`,
      pathParameters: { id: saved.json.id },
    });
    expect(notTheirs.status).toBe(404);

    // Export by the saved list, as the author's colleague it was shared with
    const file = await call(exportHandler, 'test_mo_head', {
      method: 'POST',
      resource: '/api/v1/onco/persons/export',
      path: '/api/v1/onco/persons/export',
      query: { format: 'csv' },
      body: { listId: saved.json.id },
    });
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(file.headers['content-disposition']).toMatch(
      /^attachment; filename=onco-register-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    expect(file.body.split('\r\n').filter(Boolean)).toHaveLength(3);

    for (const id of [saved.json.id, mine.json.id]) {
      const gone = await call(deleteListHandler, 'test_mo', {
        method: 'DELETE',
        resource: '/api/v1/onco/lists/{id}',
        path: `/api/v1/onco/lists/${id}`,
        pathParameters: { id },
      });
      expect(gone.status).toBe(204);
    }
    const audited = await db.sql<{ action: string }[]>`
      select action from audit.entry where entity = 'onco.list' and username = 'test_mo' order by id`;
    expect(audited.map((a) => a.action)).toEqual(['create', 'create', 'delete', 'delete']);
  });

  it('POST /onco/persons/export?format=xlsx answers a workbook (base64), gzips CSV when accepted', async () => {
    const body = { criteria: { kind: 'group', op: 'and', conditions: [{ kind: 'smo', codes: [org.smo2] }] } };
    const xlsx = await call(exportHandler, 'test_tfoms', {
      method: 'POST',
      resource: '/api/v1/onco/persons/export',
      path: '/api/v1/onco/persons/export',
      query: { format: 'xlsx' },
      body,
    });
    expect(xlsx.status).toBe(200);
    expect(xlsx.isBase64Encoded).toBe(true);
    expect(Buffer.from(xlsx.body, 'base64').subarray(0, 2).toString()).toBe('PK');
    const gz = await call(exportHandler, 'test_tfoms', {
      method: 'POST',
      resource: '/api/v1/onco/persons/export',
      path: '/api/v1/onco/persons/export',
      query: { format: 'csv' },
      headers: { 'accept-encoding': 'gzip, br' },
      body,
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const neither = await call(exportHandler, 'test_tfoms', {
      method: 'POST',
      resource: '/api/v1/onco/persons/export',
      path: '/api/v1/onco/persons/export',
      body: {},
    });
    expect(neither.status).toBe(400);
  });

  it('refuses roles without the permission (403)', async () => {
    expect(registryPermissions.readOnco.roles).not.toContain(callers.test_nsi!.role);
    const res = await call(listHandler, 'test_nsi', {
      method: 'GET',
      resource: '/api/v1/onco/persons',
      path: '/api/v1/onco/persons',
    });
    expect(res.status).toBe(403);
    const save = await call(saveListHandler, 'test_nsi', {
      method: 'POST',
      resource: '/api/v1/onco/lists',
      path: '/api/v1/onco/lists',
      body: { name: 'x', criteria: { kind: 'group', op: 'and', conditions: [] } },
    });
    expect(save.status).toBe(403);
  });
});

// ─── plans ──────────────────────────────────────────────────────────────────────────────────────────────────

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}
function* nodesOf(node: PlanNode): Generator<PlanNode> {
  yield node;
  for (const child of node.Plans ?? []) yield* nodesOf(child);
}

describe('plans: the list reads registry.sl and registry.zcase through indexes at a few thousand rows', () => {
  let app: Sql;
  const captured: { query: string; parameters: unknown[] }[] = [];
  let capturing = false;
  const timings: string[] = [];

  beforeAll(async () => {
    const persons = await insertManyOncoCases(db.sql, { persons: 1_800, casesPerPerson: 3 });
    expect(persons).toBe(1_800);
    await db.sql`analyze registry.zcase, registry.sl, registry.usl, registry.onco_person, person.person_link`;
    app = postgres(db.appUrl, {
      ...baseOptions(1),
      debug: (_c: number, query: string, parameters: unknown[]) => {
        if (capturing) captured.push({ query, parameters });
      },
    }) as unknown as Sql;
  }, 120_000);
  afterAll(async () => {
    await app?.end({ timeout: 5 });
    // What was measured, for the report (not an assertion: benchmarks are scripts).
    console.info(timings.join('\n'));
  });

  const trees: [string, () => ReturnType<typeof criteria>][] = [
    ['everything', () => criteria()],
    ['a diagnosis range', () => criteria({ kind: 'diagnosis', from: 'C50', to: 'C50' })],
    [
      'nested AND/OR with a drug, a stage, an СМО and a period',
      () =>
        criteria(
          or({ kind: 'drug', regnums: ['000123'] }, { kind: 'stage', codes: [5, 6, 7] }),
          { kind: 'smo', codes: [org.smo1] },
          { kind: 'period', from: '2025-03-01', to: '2025-06-30' },
        ),
    ],
    [
      'one case: a scheme and a line',
      () =>
        criteria(
          sameCase({ kind: 'drug', schemes: ['sh0007'] }, { kind: 'serviceType', types: [2], line: [1] }),
        ),
    ],
    [
      'no treatment within 14 days OR metastases',
      () => criteria(or({ kind: 'diagnosisWithoutTreatment', days: 14 }, { kind: 'metastases' })),
    ],
  ];

  for (const username of ['test_tfoms', 'test_smo', 'test_mo']) {
    for (const [name, tree] of trees) {
      it(`${username}: ${name}`, async () => {
        const t = callers[username]!;
        const who: AccessContext = {
          ...t,
          orgKind: roleOrganisationKind[t.role],
          channel: 'rest',
          requestId: 'plans',
        };
        captured.length = 0;
        capturing = true;
        const started = performance.now();
        let page: Awaited<ReturnType<typeof listOncoPersons>>;
        try {
          page = await withCaller(app, who, (tx: Tx) =>
            listOncoPersons(tx, tree(), { page: 1, pageSize: 25, sort: '-lastDate' }, { today }),
          );
        } finally {
          capturing = false;
        }
        timings.push(
          `${username} ${name}: ${(performance.now() - started).toFixed(1)} ms, ${page.items.length} rows`,
        );
        const reads = captured.filter(
          ({ query }) =>
            !/set_config\(|audit\.record\(|pg_catalog\./.test(query) && !/^\s*(begin|commit)\b/i.test(query),
        );
        expect(reads.length).toBeGreaterThan(0);
        for (const { query, parameters } of reads) {
          const modes = /\bunnest\(/.test(query) ? ['custom', 'generic'] : ['custom'];
          for (const mode of modes) {
            const rows = (await withCaller(app, who, (tx) =>
              tx.unsafe(
                `explain (format json${mode === 'generic' ? ', generic_plan' : ''}) ${query}`,
                (mode === 'generic' ? [] : parameters) as never[],
              ),
            )) as unknown as { 'QUERY PLAN': { Plan: PlanNode }[] }[];
            const plan = rows[0]!['QUERY PLAN'][0]!.Plan;
            const seq = [...nodesOf(plan)]
              .filter(
                (n) =>
                  n['Node Type'] === 'Seq Scan' &&
                  ['sl', 'zcase', 'usl', 'person', 'person_link'].includes(n['Relation Name'] ?? ''),
              )
              .map(
                (n) =>
                  `${mode}: Seq Scan on ${n['Relation Name']} — ${query.replace(/\s+/g, ' ').slice(0, 120)}`,
              );
            expect(seq).toEqual([]);
          }
        }
      });
    }
  }
});
