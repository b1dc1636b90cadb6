import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftKinds } from '../../shared/prevention/domain/eligibility';
import { callApi, signInToken, startTestRuntime, type TestRuntime } from '../helpers/runtime';

/**
 * Dispensary observation (ДН), polyclinic cases, plan volumes and the draft plan list of issue 13 over REST: a ДН
 * record whose visit window passed without a visit is overdue until a polyclinic case of the same diagnosis block
 * closes it; bad records are rejected with their PREV.* codes and store nothing; the draft list follows the
 * eligibility rules of `domain/eligibility.ts`.
 */
let t: TestRuntime;
const tokens = new Map<string, string>();
const orgs = new Map<string, string>();
const today = new Date().toISOString().slice(0, 10);
const year = Number(today.slice(0, 4));
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
interface Person {
  id: string;
  enp: string;
  birthDate: string;
  smo: string;
}
let persons: Person[];
const codes = { diagnosis: '', specialty: 0, purpose: '' };

beforeAll(async () => {
  t = await startTestRuntime();
  for (const username of ['test_mo', 'test_smo', 'test_smo2', 'test_tfoms']) {
    tokens.set(username, await signInToken(t.runtime.url, username));
  }
  for (const x of await t.db.sql<{ username: string; org_code: string }[]>`
    select username, org_code from auth.account`)
    orgs.set(x.username, x.org_code);
  persons = await t.db.sql<Person[]>`
    select p.id::text, p.enp, p.birth_date::text as "birthDate", po.smo_code as smo
    from person.person p
    join person.attachment a on a.person_id = p.id and a.mo_code = ${orgs.get('test_mo')!} and a.date_end is null
    join person.policy po on po.person_id = p.id and po.date_end is null
    where p.birth_date < make_date(${year} - 18, 1, 1) and po.smo_code = ${orgs.get('test_smo')!}
    order by p.id limit 20`;
  const valid = (directory: string) => t.db.sql<{ code: string }[]>`
    select code from nsi.record
    where directory_code = ${directory} and date_beg <= ${daysAgo(400)}::date and date_end is null
      and (${directory} <> 'MKB10' or code ~ '^I1[0-5]')
    order by code limit 1`;
  codes.diagnosis = (await valid('MKB10'))[0]!.code;
  codes.specialty = Number((await valid('V021'))[0]!.code);
  codes.purpose = (await valid('V025'))[0]!.code;
});
afterAll(async () => {
  await t?.stop();
});

const api = (username: string, path: string, init: Parameters<typeof callApi>[2] = {}) =>
  callApi(t.runtime.url, path, { ...init, token: tokens.get(username) });
const send = (path: string, records: unknown[], username = 'test_mo') =>
  api(username, `/api/v1/prevention/${path}`, {
    method: 'POST',
    json: { packageId: `${path}-${randomUUID()}`, records },
  });
const dn = (p: Person, over: Record<string, unknown> = {}) => ({
  sourceId: randomUUID(),
  patient: { enp: p.enp },
  diagnosis: codes.diagnosis,
  dateIn: daysAgo(200),
  statusIn: 1,
  specialty: codes.specialty,
  visits: [
    { from: daysAgo(120), to: daysAgo(90) },
    { from: daysAgo(30), to: daysAgo(10) },
  ],
  ...over,
});
const visit = (p: Person, dateTo: string, over: Record<string, unknown> = {}) => ({
  sourceId: randomUUID(),
  patient: { enp: p.enp },
  dateFrom: dateTo,
  dateTo,
  purpose: codes.purpose,
  diagnosis: codes.diagnosis,
  specialty: codes.specialty,
  ...over,
});
const count = async (table: 'dispensary' | 'polyclinic_case' | 'plan_volume') =>
  (await t.db.sql<{ n: number }[]>`select count(*)::int as n from ${t.db.sql(`prevention.${table}`)}`)[0]!.n;
const overdueIds = async (username: string) =>
  (await api(username, '/api/v1/prevention/dispensary?overdue=true')).body.items.map(
    (i: { personId: string }) => i.personId,
  );

describe('dispensary observation and polyclinic cases', () => {
  it('an observation is overdue until a polyclinic case of its diagnosis block closes the owed visit', async () => {
    // Arrange: one visited in the first window only, one visited in both
    const [late, kept] = [persons[0]!, persons[1]!];
    const sent = await send('dispensary', [
      dn(late, { lastVisit: daysAgo(100) }),
      dn(kept, { lastVisit: daysAgo(20) }),
    ]);
    expect(sent.body).toMatchObject({ accepted: 2, rejected: 0 });

    // Assess: the МО, the person's СМО and the fund see the late one overdue; another СМО sees nothing
    expect(await overdueIds('test_mo')).toEqual([late.id]);
    expect(await overdueIds('test_smo')).toEqual([late.id]);
    expect(await overdueIds('test_tfoms')).toContain(late.id);
    expect(await overdueIds('test_smo2')).toEqual([]);
    const [row] = (await api('test_mo', '/api/v1/prevention/dispensary?overdue=true')).body.items;
    expect(row).toMatchObject({ overdueFrom: daysAgo(10), lastVisit: daysAgo(100), overdue: true });
    expect(row.visits).toEqual([
      { from: daysAgo(120), to: daysAgo(90) },
      { from: daysAgo(30), to: daysAgo(10) },
    ]);

    // Act: a polyclinic case of another block changes nothing; one of the same block closes the visit
    const other = codes.diagnosis.startsWith('I10') ? 'J06' : 'I10';
    const unrelated = await send('polyclinic-cases', [visit(late, daysAgo(5), { diagnosis: `${other}.9` })]);
    expect(unrelated.body.accepted + unrelated.body.rejected).toBe(1);
    expect(await overdueIds('test_mo')).toEqual([late.id]);
    expect((await send('polyclinic-cases', [visit(late, daysAgo(3))])).body).toMatchObject({ accepted: 1 });

    // Assess
    expect(await overdueIds('test_mo')).toEqual([]);
    const cases = await api('test_smo', '/api/v1/prevention/polyclinic-cases');
    expect(cases.body.items[0]).toMatchObject({ personId: late.id, dateTo: daysAgo(3), source: 'direct' });
    expect((await api('test_smo2', '/api/v1/prevention/polyclinic-cases')).body.items).toEqual([]);
  });

  it('rejects bad ДН records and cases with their codes and stores nothing for them', async () => {
    const p = persons[2]!;
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const dnCases: [string, Record<string, unknown>, string][] = [
      ['unknown diagnosis', dn(p, { diagnosis: 'Q99.99' }), 'PREV.DN.DIAGNOSIS'],
      ['unknown specialty', dn(p, { specialty: 999_999 }), 'PREV.DN.SPECIALTY'],
      ['ended before it began', dn(p, { dateOut: daysAgo(300), reasonOut: 1 }), 'PREV.DN.DATES'],
      ['begins tomorrow', dn(p, { dateIn: tomorrow, visits: [] }), 'PREV.DN.DATES'],
      ['ended without a reason', dn(p, { dateOut: daysAgo(1) }), 'PREV.DN.REASON_OUT'],
      [
        'a window before the observation',
        dn(p, { visits: [{ from: daysAgo(300), to: daysAgo(290) }] }),
        'PREV.DN.VISITS',
      ],
      [
        'a window ending before it starts',
        dn(p, { visits: [{ from: daysAgo(20), to: daysAgo(30) }] }),
        'PREV.DN.VISITS',
      ],
      ['a doctor СНИЛС with a wrong checksum', dn(p, { doctorSnils: '112-233-445 00' }), 'PREV.DOCTOR.SNILS'],
    ];
    const before = await count('dispensary');
    const answer = await send(
      'dispensary',
      dnCases.map(([, r]) => r),
    );
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ accepted: 0, rejected: dnCases.length });
    dnCases.forEach(([name, , rule], i) => {
      expect(
        answer.body.records[i].issues.map((e: { rule: string }) => e.rule),
        name,
      ).toContain(rule);
    });
    expect(await count('dispensary')).toBe(before);

    const caseCases: [string, Record<string, unknown>, string][] = [
      ['unknown purpose', visit(p, daysAgo(1), { purpose: '9.9' }), 'PREV.CASE.PURPOSE'],
      ['unknown diagnosis', visit(p, daysAgo(1), { diagnosis: 'Q99.99' }), 'PREV.CASE.DIAGNOSIS'],
      ['unknown specialty', visit(p, daysAgo(1), { specialty: 999_999 }), 'PREV.CASE.SPECIALTY'],
      ['ends before it began', visit(p, daysAgo(5), { dateFrom: daysAgo(2) }), 'PREV.CASE.DATES'],
      ['ends tomorrow', visit(p, tomorrow), 'PREV.CASE.DATES'],
    ];
    const casesBefore = await count('polyclinic_case');
    const rejected = await send(
      'polyclinic-cases',
      caseCases.map(([, r]) => r),
    );
    expect(rejected.body).toMatchObject({ accepted: 0, rejected: caseCases.length });
    caseCases.forEach(([name, , rule], i) => {
      expect(
        rejected.body.records[i].issues.map((e: { rule: string }) => e.rule),
        name,
      ).toContain(rule);
    });
    expect(await count('polyclinic_case')).toBe(casesBefore);
  });

  it('an СМО may not send ДН, and a re-sent record updates in place', async () => {
    const p = persons[3]!;
    expect((await send('dispensary', [dn(p)], 'test_smo')).status).toBe(403);
    const record = dn(p);
    await send('dispensary', [record]);
    await send('dispensary', [{ ...record, dateOut: daysAgo(1), reasonOut: 2 }]);
    const rows = await t.db.sql<{ date_out: string }[]>`
      select date_out::text from prevention.dispensary where source_id = ${record.sourceId}`;
    expect(rows).toEqual([{ date_out: daysAgo(1) }]);
  });
});

describe('plan volumes', () => {
  it('are kept per МО, year, month and kind, and everyone reads them', async () => {
    const volume = (month: number, quantity: number) => ({
      sourceId: `vol-${year}-${month}`,
      year,
      month,
      kind: 'DVN',
      quantity,
    });
    expect((await send('volumes', [volume(1, 10), volume(2, 12)])).body).toMatchObject({ accepted: 2 });
    expect((await send('volumes', [volume(2, 15), { ...volume(3, 1), year: year + 5 }])).body).toMatchObject({
      accepted: 1,
      rejected: 1,
    });
    const read = await api(
      'test_smo2',
      `/api/v1/prevention/volumes?year=${year}&moCode=${orgs.get('test_mo')}`,
    );
    expect(read.body.items).toEqual([
      { moCode: orgs.get('test_mo'), year, month: 1, kind: 'DVN', quantity: 10 },
      { moCode: orgs.get('test_mo'), year, month: 2, kind: 'DVN', quantity: 15 },
    ]);
  });
});

describe('the draft plan list', () => {
  it('holds exactly the attached persons the eligibility rules call for, and goes back as a plan', async () => {
    // Arrange: every attached person with an ЕНП, as the register has them
    const attached = await t.db.sql<{ id: string; birthDate: string }[]>`
      select distinct p.id::text, p.birth_date::text as "birthDate"
      from person.person p join person.attachment a on a.person_id = p.id
      where a.mo_code = ${orgs.get('test_mo')!} and a.date_beg <= current_date
        and (a.date_end is null or a.date_end >= make_date(${year}, 1, 1)) and p.enp is not null`;
    const planned = new Set(
      (
        await t.db.sql<{ id: string }[]>`
          select person_id::text as id from prevention.plan_entry
          where mo_code = ${orgs.get('test_mo')!} and year = ${year} and kind = 'PMO'`
      ).map((r) => r.id),
    );
    const expected = attached
      .filter((p) =>
        draftKinds({ birthDate: p.birthDate, finished: new Set(), dispensary: false }, year).includes('PMO'),
      )
      .filter((p) => !planned.has(p.id))
      .map((p) => p.id)
      .sort();

    // Act
    const draft = await api('test_mo', `/api/v1/prevention/plans/draft?year=${year}&kind=PMO&pageSize=500`);

    // Assess
    expect(draft.status).toBe(200);
    expect(draft.body.hasMore).toBe(false);
    expect(draft.body.items.map((i: { personId: string }) => i.personId).sort()).toEqual(expected);
    const first = draft.body.items
      .slice(0, 5)
      .map(({ personId: _, fio: __, birthDate: ___, ...r }: Record<string, unknown>) => r);
    const sent = await send('plans', first);
    expect(sent.body).toMatchObject({ accepted: first.length, rejected: 0 });
    const again = await api('test_mo', `/api/v1/prevention/plans/draft?year=${year}&kind=PMO&pageSize=500`);
    expect(again.body.items).toHaveLength(expected.length - first.length);
    expect((await api('test_smo', `/api/v1/prevention/plans/draft?year=${year}&kind=PMO`)).status).toBe(403);
  });

  it('lists the persons with an open ДН record in the months of their visit windows', async () => {
    const draft = await api('test_mo', `/api/v1/prevention/plans/draft?year=${year}&kind=DN&pageSize=500`);
    const open = await t.db.sql<{ id: string }[]>`
      select distinct person_id::text as id from prevention.dispensary
      where mo_code = ${orgs.get('test_mo')!} and date_out is null
        and exists (select 1 from unnest(visit_to) t where extract(year from t) >= ${year})
        and exists (select 1 from unnest(visit_from) f where extract(year from f) <= ${year})`;
    expect(draft.body.items.map((i: { personId: string }) => i.personId).sort()).toEqual(
      open.map((r) => r.id).sort(),
    );
    for (const item of draft.body.items) expect(item.months.length).toBeGreaterThan(0);
  });
});
