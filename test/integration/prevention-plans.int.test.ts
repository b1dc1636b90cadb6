import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispensarisationYear } from '../../shared/prevention/domain/eligibility';
import { callApi, signInToken, startTestRuntime, type TestRuntime } from '../helpers/runtime';

/**
 * Plan lists of issue 13 over REST: an МО plans its attached persons; each bad entry is rejected with its FLK code
 * and nothing of it is stored; the МО, the person's СМО and the fund read the entry, another МО and another СМО do
 * not; every write and read is audited.
 */
let t: TestRuntime;
const tokens = new Map<string, string>();
const orgs = new Map<string, string>();
const year = new Date().getUTCFullYear();
interface Person {
  id: string;
  enp: string;
  birthDate: string;
  district: string;
  smo: string;
}
let attached: Person[];
let elsewhere: Person;

beforeAll(async () => {
  t = await startTestRuntime();
  for (const username of ['test_mo', 'test_mo2', 'test_smo', 'test_smo2', 'test_tfoms']) {
    tokens.set(username, await signInToken(t.runtime.url, username));
  }
  const accounts = await t.db.sql<
    { username: string; org_code: string }[]
  >`select username, org_code from auth.account`;
  for (const a of accounts) orgs.set(a.username, a.org_code);
  const persons = (mo: string) => t.db.sql<Person[]>`
    select p.id::text, p.enp, p.birth_date::text as "birthDate", a.district_code as district, po.smo_code as smo
    from person.person p
    join person.attachment a on a.person_id = p.id and a.mo_code = ${mo} and a.date_end is null
    join person.policy po on po.person_id = p.id and po.date_end is null
    where p.birth_date < make_date(${year} - 18, 1, 1)
    order by p.id limit 200`;
  attached = await persons(orgs.get('test_mo')!);
  elsewhere = (await persons(orgs.get('test_mo2')!))[0]!;
});
afterAll(async () => {
  await t?.stop();
});

const api = (username: string, path: string, init: Parameters<typeof callApi>[2] = {}) =>
  callApi(t.runtime.url, path, { ...init, token: tokens.get(username) });
const age = (p: Person) => year - Number(p.birthDate.slice(0, 4));
// Insured by test_smo's СМО, so that both СМО accounts judge the scope.
const dvn = () => attached.find((p) => dispensarisationYear(age(p)) && p.smo === orgs.get('test_smo'))!;
const pmo = () => attached.find((p) => !dispensarisationYear(age(p)))!;
const entry = (p: Person, over: Record<string, unknown> = {}) => ({
  sourceId: randomUUID(),
  patient: { enp: p.enp },
  year,
  kind: dispensarisationYear(age(p)) ? 'DVN' : 'PMO',
  months: [3],
  districtCode: p.district,
  ...over,
});
const send = (username: string, records: unknown[]) =>
  api(username, '/api/v1/prevention/plans', {
    method: 'POST',
    json: { packageId: `plan-${randomUUID()}`, records },
  });
const entries = async () => {
  const [row] = await t.db.sql<{ n: number }[]>`select count(*)::int as n from prevention.plan_entry`;
  return row!.n;
};

describe('plan lists', () => {
  it('plans attached persons by month and district; the МО, the person’s СМО and the fund read them, audited', async () => {
    // Prepare
    const a = dvn();
    const b = pmo();
    const records = [entry(a, { months: [2, 3] }), entry(b, { months: [], quarter: 2 })];

    // Act
    const sent = await send('test_mo', records);

    // Assess
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ status: 'accepted', accepted: 2 });
    const march = await api('test_mo', `/api/v1/prevention/plans?year=${year}&month=3`);
    const ids = march.body.items.map((i: { personId: string }) => i.personId);
    expect(ids).toContain(a.id);
    expect(march.body.items.find((i: { personId: string }) => i.personId === a.id)).toMatchObject({
      kind: 'DVN',
      months: [2, 3],
      districtCode: a.district,
      smoCode: a.smo,
    });
    const may = await api('test_mo', `/api/v1/prevention/plans?year=${year}&month=5`);
    expect(may.body.items.map((i: { personId: string }) => i.personId)).toContain(b.id); // quarter 2
    for (const [reader, sees] of [
      ['test_tfoms', true],
      ['test_mo2', false],
    ] as const) {
      const list = await api(reader, `/api/v1/prevention/plans?year=${year}&pageSize=500`);
      expect(list.status).toBe(200);
      expect(list.body.items.some((i: { personId: string }) => i.personId === a.id)).toBe(sees);
    }
    const own = await api('test_smo', `/api/v1/prevention/plans?year=${year}&pageSize=500`);
    expect(own.body.items.some((i: { personId: string }) => i.personId === a.id)).toBe(true);
    const foreign = await api('test_smo2', `/api/v1/prevention/plans?year=${year}&pageSize=500`);
    expect(foreign.body.items.some((i: { personId: string }) => i.personId === a.id)).toBe(false);
    const audited = await t.db.sql<{ action: string }[]>`
      select action from audit.entry
      where entity in ('prevention.plan_entry', 'prevention.package') and ${a.id}::bigint = any(person_ids)`;
    expect(audited.map((e) => e.action)).toEqual(expect.arrayContaining(['read']));
    expect(audited.length).toBeGreaterThanOrEqual(2);
  });

  it('rejects each bad entry with its FLK code, storing nothing of it', async () => {
    const a = dvn();
    const b = pmo();
    const cases: [name: string, record: Record<string, unknown>, rule: string][] = [
      ['a person attached elsewhere', entry(elsewhere), 'PREV.PERSON.NOT_ATTACHED'],
      ['ДВН in a year of ПМО', entry(b, { kind: 'DVN' }), 'PREV.AGE.DVN'],
      ['ПМО in a year of ДВН', entry(a, { kind: 'PMO' }), 'PREV.AGE.PMO'],
      ['a year too far', entry(a, { year: year + 3 }), 'PREV.YEAR'],
      ['a month twice', entry(a, { months: [4, 4] }), 'PREV.MONTH'],
      ['months and a quarter', entry(a, { quarter: 1 }), 'PREV.MONTH'],
      ['an unknown district', entry(a, { districtCode: 'НЕТ' }), 'PREV.DISTRICT'],
      ['an unknown ЕНП', entry(a, { patient: { enp: '1234567890123452' } }), 'ID.NOT_FOUND'],
      ['an ЕНП of 15 digits', entry(a, { patient: { enp: '123456789012345' } }), 'ID.ENP.FORMAT'],
      ['nobody named', entry(a, { patient: {} }), 'ID.NOT_FOUND'],
    ];
    const before = await entries();
    for (const [name, record, rule] of cases) {
      const res = await send('test_mo', [record]);
      expect({ name, status: res.status }).toEqual({ name, status: 400 });
      expect(
        res.body.records[0].issues.map((i: { rule: string }) => i.rule),
        name,
      ).toContain(rule);
    }
    for (const [name, record] of [
      ['month 13', entry(a, { months: [13] })],
      ['year 2147483648', entry(a, { year: 2_147_483_648 })],
      [
        'birth date 2026-02-31',
        entry(a, { patient: { fam: 'Иванов', im: 'Иван', birthDate: '2026-02-31' } }),
      ],
      ['a blank id', entry(a, { sourceId: ' ' })],
      ['an unknown kind', entry(a, { kind: 'ДВ4' })],
    ] as const) {
      const res = await send('test_mo', [record]);
      expect({ name, status: res.status, result: res.body.records?.[0]?.status }).toEqual({
        name,
        status: 400,
        result: 'rejected',
      });
    }
    expect(await entries()).toBe(before);
  });

  it('keeps one entry per person, year and kind: the same id changes it, another id is refused', async () => {
    const p = attached.find((x) => dispensarisationYear(age(x)) && x.id !== dvn().id)!;
    const first = entry(p, { months: [6] });
    expect((await send('test_mo', [first])).body.accepted).toBe(1);
    const before = await entries();
    expect((await send('test_mo', [{ ...first, months: [7] }])).body.accepted).toBe(1);
    const again = await send('test_mo', [entry(p, { months: [8] })]);
    expect(again.body.records[0].issues.map((i: { rule: string }) => i.rule)).toContain('PREV.PLAN.REPEATED');
    expect(await entries()).toBe(before);
    const [stored] = await t.db.sql<{ months: number[] }[]>`
      select months::int[] as months from prevention.plan_entry where source_id = ${first.sourceId}`;
    expect(stored!.months).toEqual([7]);
  });

  it('lets only an МО send a plan, and only as itself (row-level security too)', async () => {
    expect((await send('test_smo', [entry(dvn())])).status).toBe(403);
    expect((await send('test_tfoms', [entry(dvn())])).status).toBe(403);
    await expect(
      t.db.as(
        { username: 'test_mo2', role: 'mo_registrar', orgCode: orgs.get('test_mo2')! },
        (tx) => tx`
        insert into prevention.plan_entry (sender_code, source_id, mo_code, person_id, year, kind)
        values (${orgs.get('test_mo2')!}, 'rls', ${orgs.get('test_mo')!}, ${dvn().id}, ${year}, 'DVN')`,
      ),
    ).rejects.toThrow(/row-level security/);
  });
});
