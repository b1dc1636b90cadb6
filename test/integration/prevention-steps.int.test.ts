import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispensarisationYear } from '../../shared/prevention/domain/eligibility';
import { callApi, signInToken, startTestRuntime, type TestRuntime } from '../helpers/runtime';

/**
 * Participation steps of issue 13 over REST: steps move each planned person through the funnel, never back and
 * never on after a refusal; the funnel counts and the due list (planned this month, not started) follow.
 */
let t: TestRuntime;
const tokens = new Map<string, string>();
const orgs = new Map<string, string>();
const today = new Date().toISOString().slice(0, 10);
const year = Number(today.slice(0, 4));
const month = Number(today.slice(5, 7));
interface Person {
  id: string;
  enp: string;
  birthDate: string;
  smo: string;
}
let a: Person;
let b: Person;
let c: Person;
let unplanned: Person;

beforeAll(async () => {
  t = await startTestRuntime();
  for (const username of ['test_mo', 'test_smo', 'test_smo2', 'test_tfoms']) {
    tokens.set(username, await signInToken(t.runtime.url, username));
  }
  const accounts = await t.db.sql<
    { username: string; org_code: string }[]
  >`select username, org_code from auth.account`;
  for (const x of accounts) orgs.set(x.username, x.org_code);
  const persons = await t.db.sql<Person[]>`
    select p.id::text, p.enp, p.birth_date::text as "birthDate", po.smo_code as smo
    from person.person p
    join person.attachment a on a.person_id = p.id and a.mo_code = ${orgs.get('test_mo')!} and a.date_end is null
    join person.policy po on po.person_id = p.id and po.date_end is null
    where p.birth_date < make_date(${year} - 18, 1, 1)
    order by p.id limit 300`;
  const dvn = persons.filter((p) => dispensarisationYear(year - Number(p.birthDate.slice(0, 4))));
  const own = dvn.filter((p) => p.smo === orgs.get('test_smo'));
  [a, b, c] = [own[0]!, own[1]!, own[2]!];
  unplanned = dvn.find((p) => ![a.id, b.id, c.id].includes(p.id))!;
  const plan = await api('test_mo', '/api/v1/prevention/plans', {
    method: 'POST',
    json: {
      packageId: `plan-${randomUUID()}`,
      records: [a, b, c].map((p) => ({
        sourceId: randomUUID(),
        patient: { enp: p.enp },
        year,
        kind: 'DVN',
        months: [month],
      })),
    },
  });
  expect(plan.body).toMatchObject({ accepted: 3 });
});
afterAll(async () => {
  await t?.stop();
});

const api = (username: string, path: string, init: Parameters<typeof callApi>[2] = {}) =>
  callApi(t.runtime.url, path, { ...init, token: tokens.get(username) });
const step = (p: Person, code: number, over: Record<string, unknown> = {}) => ({
  sourceId: randomUUID(),
  patient: { enp: p.enp },
  kind: 'DVN',
  step: code,
  date: today,
  ...over,
});
const send = (records: unknown[]) =>
  api('test_mo', '/api/v1/prevention/steps', {
    method: 'POST',
    json: { packageId: `steps-${randomUUID()}`, records },
  });
const steps = async () => {
  const [row] = await t.db.sql<{ n: number }[]>`select count(*)::int as n from prevention.step`;
  return row!.n;
};
const funnel = async (username: string, query = '') =>
  (await api(username, `/api/v1/prevention/funnel?year=${year}&kind=DVN${query}`)).body.funnel;

describe('participation steps', () => {
  it('move planned persons through the funnel; the due list keeps those not started', async () => {
    // Act
    expect((await send([step(a, 102), step(b, 101)])).body).toMatchObject({ accepted: 2, rejected: 0 });
    expect((await send([step(a, 103)])).body).toMatchObject({ accepted: 1 });

    // Assess: the funnel of the МО, and the fund's view of that МО, agree
    const expected = {
      planned: 3,
      started: 1,
      finishedStage1: 1,
      sentToStage2: 0,
      finishedStage2: 0,
      refused: 1,
    };
    expect(await funnel('test_mo')).toEqual(expected);
    expect(await funnel('test_tfoms', `&moCode=${orgs.get('test_mo')}`)).toEqual(expected);
    expect(await funnel('test_smo2')).toMatchObject({ planned: 0 });
    const due = await api('test_mo', `/api/v1/prevention/due?month=${today.slice(0, 7)}`);
    expect(due.body.items.map((i: { personId: string }) => i.personId)).toEqual([c.id]);
    const smoDue = await api('test_smo', `/api/v1/prevention/due?month=${today.slice(0, 7)}`);
    expect(smoDue.body.items.map((i: { personId: string }) => i.personId)).toEqual([c.id]);
    const [entry] = await t.db.sql<{ step: number }[]>`
      select furthest_step as step from prevention.plan_entry where person_id = ${a.id}`;
    expect(entry!.step).toBe(103);
  });

  it('rejects a step back, a step after a refusal, a future step, a code of another kind and an unknown person', async () => {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const cases: [name: string, record: Record<string, unknown>, rule: string][] = [
      ['started after finishing stage 1', step(a, 102), 'PREV.STEP.ORDER'],
      ['a step after a refusal', step(b, 102), 'PREV.STEP.ORDER'],
      ['stage 2 refused before being sent to it', step(c, 105), 'PREV.STEP.ORDER'],
      ['a step of tomorrow', step(c, 102, { date: tomorrow }), 'PREV.STEP.FUTURE'],
      ['a ПМО code for ДВН', step(c, 202), 'PREV.STEP.CODE'],
      ['an unknown code', step(c, 150), 'PREV.STEP.CODE'],
      ['a step of ДН', step(c, 102, { kind: 'DN' }), 'PREV.STEP.CODE'],
      ['an unknown ЕНП', step(c, 102, { patient: { enp: '1234567890123452' } }), 'ID.NOT_FOUND'],
    ];
    const before = await steps();
    for (const [name, record, rule] of cases) {
      const res = await send([record]);
      expect({ name, status: res.status }).toEqual({ name, status: 400 });
      expect(
        res.body.records[0].issues.map((i: { rule: string }) => i.rule),
        name,
      ).toContain(rule);
    }
    for (const [name, record] of [
      ['date 2026-02-31', step(c, 102, { date: '2026-02-31' })],
      ['step 2147483648', step(c, 2_147_483_648)],
      ['method 9', step(c, 102, { method: 9 })],
    ] as const) {
      expect((await send([record])).body.records?.[0]?.status, name).toBe('rejected');
    }
    expect(await steps()).toBe(before);
    expect(await funnel('test_mo')).toMatchObject({ planned: 3, started: 1, refused: 1 });
  });

  it('keeps a step of a person not on the plan, with a warning', async () => {
    const res = await send([step(unplanned, 102)]);
    expect(res.body).toMatchObject({ accepted: 1 });
    expect(
      res.body.records[0].issues.map((i: { rule: string; severity: string }) => [i.rule, i.severity]),
    ).toEqual([['PREV.STEP.NOT_PLANNED', 'warning']]);
  });
});
