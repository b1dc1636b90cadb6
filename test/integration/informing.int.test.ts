import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispensarisationYear } from '../../shared/prevention/domain/eligibility';
import { type HospFixture, hospFixture, referral } from '../helpers/hospitalisation-fixtures';
import { callApi, signInToken, startTestRuntime, type TestRuntime } from '../helpers/runtime';

/**
 * Informing (issue 14) over REST: each generation rule makes exactly one request per fixture fact, for the person's
 * СМО, with the deadline the rule gives, and a second run makes none; an МО's own request reaches the СМО, whose
 * results close it (or count an attempt); bad requests and results are rejected with their INF.* codes and store
 * nothing; no СМО sees another's requests.
 */
let t: TestRuntime;
let f: HospFixture;
const tokens = new Map<string, string>();
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const today = day(0);
const year = Number(today.slice(0, 4));
const month = Number(today.slice(5, 7));
type Person = HospFixture['persons'][number];
let fx: { pmo: Person; dvn: Person; stage2: Person; dn: Person; hosp: Person; own: Person; onco: Person };

const api = (username: string, path: string, init: Parameters<typeof callApi>[2] = {}) =>
  callApi(t.runtime.url, path, { ...init, token: tokens.get(username) });
const send = (username: string, path: string, records: unknown[]) =>
  api(username, path, { method: 'POST', json: { packageId: `pkg-${randomUUID()}`, records } });
const ageOf = (p: Person) => year - Number(String(p.birthDate).slice(0, 4));
const iso = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

beforeAll(async () => {
  t = await startTestRuntime();
  for (const u of ['test_mo', 'test_smo', 'test_smo2', 'test_tfoms', 'test_hosp']) {
    tokens.set(u, await signInToken(t.runtime.url, u));
  }
  f = await hospFixture(t.db.sql);
  const adults = f.persons.filter((p) => ageOf(p) >= 18);
  const dvn = adults.filter((p) => dispensarisationYear(ageOf(p)));
  const pmo = adults.filter((p) => !dispensarisationYear(ageOf(p)));
  fx = {
    pmo: pmo[0]!,
    dvn: dvn[0]!,
    stage2: dvn[1]!,
    dn: adults[5]!,
    hosp: adults[6]!,
    own: adults[7]!,
    onco: adults[8]!,
  };
  // A suspicion of cancer 15 days ago with no diagnosis since, as the onco register of imported registries holds it
  await t.db.sql.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    await tx`
      insert into registry.onco_person (person_id, suspicion_date, last_date, cases, mo_codes)
      values (${fx.onco.id}, ${day(-15)}, ${day(-15)}, 1, ${[f.polyclinic]})`;
  });

  // The facts the rules read: plans of this month, a person sent to stage 2, a ДН window opening, a referral
  const plan = (p: Person, kind: string) => ({
    sourceId: randomUUID(),
    patient: { enp: p.enp },
    year,
    kind,
    months: [month],
  });
  const planned = await send('test_mo', '/api/v1/prevention/plans', [
    plan(fx.pmo, 'PMO'),
    plan(fx.dvn, 'DVN'),
    plan(fx.stage2, 'DVN'),
  ]);
  expect(planned.body).toMatchObject({ accepted: 3 });
  const step = (code: number) => ({
    sourceId: randomUUID(),
    patient: { enp: fx.stage2.enp },
    kind: 'DVN',
    step: code,
    date: today,
  });
  for (const code of [102, 103, 104]) {
    expect((await send('test_mo', '/api/v1/prevention/steps', [step(code)])).body).toMatchObject({
      accepted: 1,
    });
  }
  const [codes] = await t.db.sql<{ diagnosis: string; specialty: string }[]>`
    select (select code from nsi.record where directory_code = 'MKB10' and code like 'I10%' and date_end is null
            order by code limit 1) as diagnosis,
           (select code from nsi.record where directory_code = 'V021' and date_end is null order by code limit 1)
             as specialty`;
  const dn = await send('test_mo', '/api/v1/prevention/dispensary', [
    {
      sourceId: randomUUID(),
      patient: { enp: fx.dn.enp },
      diagnosis: codes!.diagnosis,
      dateIn: day(-100),
      statusIn: 1,
      specialty: Number(codes!.specialty),
      visits: [{ from: day(10), to: day(40) }],
    },
  ]);
  expect(dn.body).toMatchObject({ accepted: 1 });
  const sent = await api('test_mo', '/api/v1/referrals', {
    method: 'POST',
    json: referral(f, fx.hosp, { plannedDate: day(5) }),
  });
  expect(sent.status, sent.text.slice(0, 300)).toBe(201);
});
afterAll(async () => {
  await t?.stop();
});

const generated = (reason: string) => t.db.sql<
  { personId: string; smoCode: string; deadline: unknown; ruleId: string }[]
>`
  select person_id::text as "personId", smo_code as "smoCode", deadline, rule_id as "ruleId"
  from informing.request where reason = ${reason} and rule_id is not null`;

describe('generation rules', () => {
  it('a run for a past date reads the facts as of that date (rolled back: the runs below start clean)', async () => {
    const rollback = new Error('rollback');
    const seen = await t.db.sql
      .begin(async (tx) => {
        // Arrange: the suspected cancer diagnosed yesterday; the stage-2 step is today's
        await tx`update registry.onco_person set diagnosis_date = ${day(-1)} where person_id = ${fx.onco.id}`;
        await tx`
          select set_config('omslink.username', 'test_tfoms', true), set_config('omslink.org_kind', 'TFOMS', true),
                 set_config('omslink.org_code', (select org_code from auth.account where username = 'test_tfoms'), true),
                 set_config('omslink.role', 'tfoms_analyst', true), set_config('omslink.channel', 'web', true)`;

        // Act: the rules run as of three days ago
        await tx`select * from informing.generate(${day(-3)}::date)`;
        const [made] = await tx<{ onco: number; stage2: number }[]>`
          select (count(*) filter (where reason = 'ONCO' and person_id = ${fx.onco.id}))::int as onco,
                 (count(*) filter (where reason = 'DVN2' and person_id = ${fx.stage2.id}))::int as stage2
          from informing.request`;
        throw Object.assign(rollback, { made });
      })
      .catch((e: Error & { made?: unknown }) => {
        if (e !== rollback) throw e;
        return e.made;
      });

    // Assess: not yet diagnosed three days ago, so told; not yet sent to stage 2, so not invited
    expect(seen).toEqual({ onco: 1, stage2: 0 });
  });

  it('make one request per fact, for the person’s СМО, with the rule’s deadline; a second run makes none', async () => {
    // Act
    const run = await api('test_tfoms', '/api/v1/informing/generate', {
      method: 'POST',
      json: { date: today },
    });

    // Assess: by hand — deadline = today + the rule's days, but not after the window's end
    expect(run.status).toBe(200);
    const monthEnd = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
    const min = (a: string, b: string) => (a < b ? a : b);
    const expected: [string, Person, string][] = [
      ['PMO', fx.pmo, min(day(14), monthEnd)],
      ['DVN1', fx.dvn, min(day(14), monthEnd)],
      ['DVN2', fx.stage2, day(5)],
      ['DN', fx.dn, day(14)],
      ['HOSP_PLANNED', fx.hosp, day(3)],
      ['ONCO', fx.onco, day(3)],
    ];
    for (const [reason, person, deadline] of expected) {
      const rows = await generated(reason);
      expect(
        rows.map((r) => ({ ...r, deadline: iso(r.deadline) })),
        reason,
      ).toEqual([{ personId: person.id, smoCode: f.smo, deadline, ruleId: expect.any(String) }]);
    }
    expect(run.body.made).toBe(expected.length);

    // Act + Assess: again — nothing new
    const again = await api('test_tfoms', '/api/v1/informing/generate', {
      method: 'POST',
      json: { date: today },
    });
    expect(again.body.made).toBe(0);
    expect(again.body.rules.every((r: { made: number }) => r.made === 0)).toBe(true);
  });

  it('a rule switched off makes nothing; only the fund tunes and runs the rules', async () => {
    const off = await api('test_tfoms', '/api/v1/informing/rules/hosp-planned', {
      method: 'PUT',
      json: { enabled: false, leadDays: 7, deadlineDays: 3 },
    });
    expect(off.body).toMatchObject({ id: 'hosp-planned', enabled: false, updatedBy: 'test_tfoms' });
    const another = await api('test_mo', '/api/v1/referrals', {
      method: 'POST',
      json: referral(f, fx.own, { plannedDate: day(4) }),
    });
    expect(another.status).toBe(201);
    const run = await api('test_tfoms', '/api/v1/informing/generate', {
      method: 'POST',
      json: { date: today },
    });
    expect(run.body.rules.find((r: { ruleId: string }) => r.ruleId === 'hosp-planned')).toBeUndefined();
    expect((await generated('HOSP_PLANNED')).length).toBe(1);
    for (const u of ['test_mo', 'test_smo']) {
      expect((await api(u, '/api/v1/informing/generate', { method: 'POST', json: {} })).status).toBe(403);
      expect(
        (
          await api(u, '/api/v1/informing/rules/plan-pmo', {
            method: 'PUT',
            json: { enabled: false, leadDays: 1, deadlineDays: 1 },
          })
        ).status,
      ).toBe(403);
    }
  });
});

describe('repeat requests', () => {
  it('a repeat rule reminds a person informed but still not come, once; not one who has started', async () => {
    // Arrange: the СМО informed the ПМО, ДВН and ДН invitations today; the ДВН person has started since
    const first = async (reason: string, person: Person) =>
      (
        await t.db.sql<{ id: string }[]>`
          select id::text from informing.request
          where reason = ${reason} and person_id = ${person.id} and primary_inf = 1 and rule_id is not null`
      )[0]!.id;
    const invited = [await first('PMO', fx.pmo), await first('DVN1', fx.dvn), await first('DN', fx.dn)];
    const informed = await send(
      'test_smo',
      '/api/v1/informing/results',
      invited.map((requestId) => ({
        sourceId: randomUUID(),
        requestId,
        date: today,
        method: 1,
        step: 1,
        outcome: 1,
      })),
    );
    expect(informed.body).toMatchObject({ accepted: 3 });
    const started = await send('test_mo', '/api/v1/prevention/steps', [
      { sourceId: randomUUID(), patient: { enp: fx.dvn.enp }, kind: 'DVN', step: 102, date: today },
    ]);
    expect(started.body).toMatchObject({ accepted: 1 });
    // … and the fund lets its repeat rules remind from the day of informing on
    for (const [id, deadlineDays] of [
      ['repeat-pmo', 14],
      ['repeat-dvn', 14],
      ['repeat-dn', 7],
    ] as const) {
      const tuned = await api('test_tfoms', `/api/v1/informing/rules/${id}`, {
        method: 'PUT',
        json: { enabled: true, leadDays: 0, deadlineDays },
      });
      expect(tuned.status).toBe(200);
    }

    // Act
    const run = async () =>
      (await api('test_tfoms', '/api/v1/informing/generate', { method: 'POST', json: { date: today } })).body;
    const made = await run();

    // Assess: one repeat each for the ПМО and ДН persons, none for the one who started; PRIMARY_INF 2
    const repeats = await t.db.sql<
      {
        reason: string;
        personId: string;
        smoCode: string;
        primary: number;
        deadline: unknown;
        fact: string;
      }[]
    >`
      select reason, person_id::text as "personId", smo_code as "smoCode", primary_inf as primary, deadline,
             source_fact as fact
      from informing.request where primary_inf = 2 order by reason`;
    const yearEnd = `${year}-12-31`;
    const min = (a: string, b: string) => (a < b ? a : b);
    expect(repeats.map((r) => ({ ...r, deadline: iso(r.deadline) }))).toEqual([
      {
        reason: 'DN',
        personId: fx.dn.id,
        smoCode: f.smo,
        primary: 2,
        deadline: day(7),
        fact: `repeat:${invited[2]}`,
      },
      {
        reason: 'PMO',
        personId: fx.pmo.id,
        smoCode: f.smo,
        primary: 2,
        deadline: min(day(14), yearEnd),
        fact: `repeat:${invited[0]}`,
      },
    ]);
    expect(made.rules.find((r: { ruleId: string }) => r.ruleId === 'repeat-dvn')).toMatchObject({ made: 0 });
    expect((await run()).made).toBe(0);
  });
});

describe('requests and results', () => {
  it('an МО’s request reaches the person’s СМО only; results close it or count attempts, and the МО sees them', async () => {
    const onTimeBefore = (
      await api('test_tfoms', `/api/v1/informing/timeliness?from=${day(-1)}&to=${day(1)}`)
    ).body.items.find((r: { smoCode: string }) => r.smoCode === f.smo).informedOnTime as number;

    // Act: the МО asks
    const request = {
      sourceId: randomUUID(),
      patient: { enp: fx.own.enp },
      reason: 'OTHER',
      deadline: day(10),
      windowFrom: day(1),
      windowTo: day(20),
    };
    const sent = await send('test_mo', '/api/v1/informing/requests', [request]);
    expect(sent.body).toMatchObject({ accepted: 1 });
    const id = sent.body.records[0].id as string;

    // Assess: in the СМО's worklist, not in another СМО's
    const list = async (u: string, q = '') =>
      (await api(u, `/api/v1/informing/requests?status=open&pageSize=100${q}`)).body.items as {
        id: string;
      }[];
    expect((await list('test_smo')).map((r) => r.id)).toContain(id);
    expect((await list('test_smo2')).map((r) => r.id)).not.toContain(id);

    // Act: one attempt, then informed
    const result = (outcome: number, over: object = {}) => ({
      sourceId: randomUUID(),
      requestId: id,
      date: today,
      method: 3,
      step: 1,
      outcome,
      operator: 'Петрова А. А.',
      ...over,
    });
    expect((await send('test_smo', '/api/v1/informing/results', [result(3)])).body).toMatchObject({
      accepted: 1,
    });
    const named = {
      sourceId: randomUUID(),
      request: { senderCode: f.polyclinic, sourceId: request.sourceId },
      date: today,
      method: 1,
      step: 1,
      outcome: 1,
    };
    expect((await send('test_smo', '/api/v1/informing/results', [named])).body).toMatchObject({
      accepted: 1,
    });

    // Assess
    const [row] = await t.db.sql<{ status: string; attempts: number; closed_on: unknown }[]>`
      select status, attempts, closed_on from informing.request where id = ${id}`;
    expect({ ...row, closed_on: iso(row!.closed_on) }).toEqual({
      status: 'informed',
      attempts: 1,
      closed_on: today,
    });
    const mine = (await api('test_mo', '/api/v1/informing/requests?pageSize=100')).body.items as {
      id: string;
      status: string;
    }[];
    expect(mine.find((r) => r.id === id)).toMatchObject({ status: 'informed' });
    const timeliness = await api('test_tfoms', `/api/v1/informing/timeliness?from=${day(-1)}&to=${day(1)}`);
    expect(timeliness.body.items.find((r: { smoCode: string }) => r.smoCode === f.smo)).toMatchObject({
      informedOnTime: onTimeBefore + 1,
    });
  });

  it('rejects bad requests and results with their codes and stores nothing of them', async () => {
    const count = async () =>
      (
        await t.db.sql<
          { n: number }[]
        >`select (select count(*) from informing.request) + (select count(*) from informing.result) as n`
      )[0]!.n;
    const before = await count();
    const request = (over: object) => ({
      sourceId: randomUUID(),
      patient: { enp: fx.own.enp },
      reason: 'OTHER',
      deadline: day(10),
      ...over,
    });
    const requests: [string, object, string][] = [
      ['window ends before it starts', request({ windowFrom: day(5), windowTo: day(2) }), 'INF.WINDOW'],
      ['deadline in the past', request({ deadline: day(-1) }), 'INF.DEADLINE'],
      ['deadline after the window', request({ windowTo: day(3), deadline: day(9) }), 'INF.DEADLINE'],
      ['an unknown person', request({ patient: { enp: '1234567890123452' } }), 'ID.NOT_FOUND'],
    ];
    for (const [name, record, rule] of requests) {
      const res = await send('test_mo', '/api/v1/informing/requests', [record]);
      expect(
        res.body.records[0].issues.map((i: { rule: string }) => i.rule),
        name,
      ).toContain(rule);
    }
    for (const [name, record] of [
      ['deadline 2026-02-31', request({ deadline: '2026-02-31' })],
      ['reason ДВН', request({ reason: 'ДВН' })],
      ['primary 3', request({ primary: 3 })],
    ] as const) {
      expect(
        (await send('test_mo', '/api/v1/informing/requests', [record])).body.records[0].status,
        name,
      ).toBe('rejected');
    }
    const [open] = await t.db.sql<{ id: string }[]>`
      select id::text from informing.request where smo_code = ${f.smo} and status = 'open' order by id limit 1`;
    const [foreign] = await t.db.sql<{ id: string }[]>`
      select id::text from informing.request where smo_code <> ${f.smo} order by id limit 1`;
    const result = (over: object) => ({
      sourceId: randomUUID(),
      requestId: open!.id,
      date: today,
      method: 1,
      step: 1,
      outcome: 1,
      ...over,
    });
    const results: [string, object, string][] = [
      ['a request of no one', result({ requestId: '999999999' }), 'INF.REQUEST.UNKNOWN'],
      ['dated tomorrow', result({ date: day(1) }), 'INF.RESULT.DATE'],
      ['before the request', result({ date: day(-30) }), 'INF.RESULT.DATE'],
      ...(foreign
        ? [
            ['another СМО’s request', result({ requestId: foreign.id }), 'INF.REQUEST.UNKNOWN'] as [
              string,
              object,
              string,
            ],
          ]
        : []),
    ];
    for (const [name, record, rule] of results) {
      const res = await send('test_smo', '/api/v1/informing/results', [record]);
      expect(
        res.body.records[0].issues.map((i: { rule: string }) => i.rule),
        name,
      ).toContain(rule);
    }
    for (const [name, record] of [
      ['method 9', result({ method: 9 })],
      ['no request named', result({ requestId: undefined })],
      ['outcome 2147483648', result({ outcome: 2_147_483_648 })],
    ] as const) {
      expect(
        (await send('test_smo', '/api/v1/informing/results', [record])).body.records[0].status,
        name,
      ).toBe('rejected');
    }
    expect(await count()).toBe(before);
    // An МО may not send results, an СМО may not send requests
    expect((await send('test_mo', '/api/v1/informing/results', [result({})])).status).toBe(403);
    expect((await send('test_smo', '/api/v1/informing/requests', [request({})])).status).toBe(403);
  });

  it('a closed request takes no other result', async () => {
    const [closed] = await t.db.sql<{ id: string }[]>`
      select id::text from informing.request where status = 'informed' order by id limit 1`;
    const res = await send('test_smo', '/api/v1/informing/results', [
      { sourceId: randomUUID(), requestId: closed!.id, date: today, method: 2, step: 2, outcome: 1 },
    ]);
    expect(res.body.records[0].issues.map((i: { rule: string }) => i.rule)).toContain('INF.RESULT.CLOSED');
  });
});

describe('upcoming procedures and surveys', () => {
  it('a request about an upcoming procedure carries what to tell; without it the request is rejected', async () => {
    const request = (details?: object) => ({
      sourceId: randomUUID(),
      patient: { enp: fx.own.enp },
      reason: 'PROCEDURE',
      deadline: day(5),
      ...(details ? { details } : {}),
    });
    const ok = await send('test_mo', '/api/v1/informing/requests', [
      request({ procedure: 'Коронарография', date: day(12), place: 'ГБУЗ «Областная больница»' }),
    ]);
    expect(ok.body).toMatchObject({ accepted: 1 });
    const [row] = await t.db.sql<{ details: { procedure: string } }[]>`
      select details from informing.request where id = ${ok.body.records[0].id}`;
    expect(row!.details.procedure).toBe('Коронарография');
    for (const record of [request(), request({ procedure: 'Коронарография' })]) {
      const res = await send('test_mo', '/api/v1/informing/requests', [record]);
      expect(res.body.records[0].issues.map((i: { rule: string }) => i.rule)).toContain('INF.DETAILS');
    }
    const info = await send('test_mo', '/api/v1/informing/requests', [{ ...request(), reason: 'CARE_INFO' }]);
    expect(info.body.records[0].issues.map((i: { rule: string }) => i.rule)).toContain('INF.DETAILS');
  });

  it('the СМО records surveys; the summary gives each МО its share satisfied per question; bad surveys store nothing', async () => {
    const survey = (answers: Record<string, number>, over: object = {}) => ({
      sourceId: randomUUID(),
      moCode: f.polyclinic,
      condition: 1,
      date: day(-1),
      answers,
      ...over,
    });
    const sent = await send('test_smo', '/api/v1/informing/surveys', [
      survey({ THERAPIST: 1, WAITING_TIME: 4 }),
      survey({ THERAPIST: 2, WAITING_TIME: 5 }, { patient: { enp: fx.own.enp }, age: 54, sex: 1 }),
      survey({ THERAPIST: 3 }),
    ]);
    expect(sent.body).toMatchObject({ accepted: 3 });
    const summary = await api('test_tfoms', `/api/v1/informing/surveys/summary?from=${day(-7)}&to=${today}`);
    const row = summary.body.items.find(
      (r: { moCode: string; condition: number }) => r.moCode === f.polyclinic,
    );
    expect(row).toMatchObject({ surveys: 3 });
    expect(row.questions).toEqual([
      { code: 'THERAPIST', answered: 3, satisfiedShare: 66.7 },
      { code: 'WAITING_TIME', answered: 1, satisfiedShare: 0 },
    ]);
    const mine = await api('test_mo', `/api/v1/informing/surveys/summary?from=${day(-7)}&to=${today}`);
    expect(mine.body.items.map((r: { moCode: string }) => r.moCode)).toEqual([f.polyclinic]);
    expect(
      (await api('test_smo2', `/api/v1/informing/surveys/summary?from=${day(-7)}&to=${today}`)).body.items,
    ).toEqual([]);

    const before = (await t.db.sql<{ n: number }[]>`select count(*)::int as n from informing.survey`)[0]!.n;
    const bad: [string, object, string][] = [
      ['an unknown МО', survey({ THERAPIST: 1 }, { moCode: '000000' }), 'INF.SURVEY.MO'],
      ['a hospital question in a polyclinic survey', survey({ FOOD: 1 }), 'INF.SURVEY.QUESTION'],
      ['dated tomorrow', survey({ THERAPIST: 1 }, { date: day(1) }), 'INF.SURVEY.DATE'],
    ];
    for (const [name, record, rule] of bad) {
      const res = await send('test_smo', '/api/v1/informing/surveys', [record]);
      expect(
        res.body.records[0].issues.map((i: { rule: string }) => i.rule),
        name,
      ).toContain(rule);
    }
    for (const [name, record] of [
      ['score 6', survey({ THERAPIST: 6 })],
      ['no answers', survey({})],
      ['condition 4', survey({ THERAPIST: 1 }, { condition: 4 })],
    ] as const) {
      expect(
        (await send('test_smo', '/api/v1/informing/surveys', [record])).body.records[0].status,
        name,
      ).toBe('rejected');
    }
    expect((await t.db.sql<{ n: number }[]>`select count(*)::int as n from informing.survey`)[0]!.n).toBe(
      before,
    );
    expect((await send('test_mo', '/api/v1/informing/surveys', [survey({ THERAPIST: 1 })])).status).toBe(403);
  });
});

describe('«Информирование пациента»: results journal, upcoming procedures, surveys', () => {
  type Row = { id: string; personId: string; outcome: number; reason: string; requestSender: string };
  const results = async (u: string, q = '') =>
    (await api(u, `/api/v1/informing/results?pageSize=500${q}`)).body.items as Row[];

  it('each reader’s results journal holds its own results only, latest first, narrowed by filters, and is audited', async () => {
    // Act
    const smo = await results('test_smo', `&personId=${fx.own.id}`);

    // Assess: the two results of the МО's request (an attempt, then informed), the request's reason beside them
    expect(smo.map((r) => r.outcome).sort()).toEqual([1, 3]);
    expect(smo.every((r) => r.reason === 'OTHER' && r.requestSender === f.polyclinic)).toBe(true);
    expect((await results('test_smo', `&personId=${fx.own.id}&outcome=1`)).map((r) => r.outcome)).toEqual([
      1,
    ]);
    expect((await results('test_mo', `&personId=${fx.own.id}`)).map((r) => r.id).sort()).toEqual(
      smo.map((r) => r.id).sort(),
    );
    expect(await results('test_smo2')).toEqual([]);
    expect(await results('test_hosp')).toEqual([]);
    const all = await results('test_tfoms', `&from=${day(-1)}&to=${today}`);
    expect(all.map((r) => r.id)).toEqual(expect.arrayContaining(smo.map((r) => r.id)));
    const [entry] = await t.db.sql<{ n: number }[]>`
      select count(*)::int as n from audit.entry
      where entity = 'informing.result' and action = 'read' and username = 'test_smo'
        and ${smo[0]!.id} = any(record_ids)`;
    expect(entry!.n).toBeGreaterThan(0);
    for (const bad of ['method=8', 'outcome=0', 'from=2026-02-31', 'smoCode=1', 'personId=x']) {
      const res = await api('test_smo', `/api/v1/informing/results?${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.type, bad).toContain('application/problem+json');
    }
  });

  it('the results summary counts per СМО, method and outcome, within the reader’s scope', async () => {
    const period = `from=${day(-1)}&to=${today}`;
    const fund = (await api('test_tfoms', `/api/v1/informing/results/summary?${period}`)).body.items as {
      smoCode: string;
      method: number;
      outcome: number;
      results: number;
    }[];
    const own = fund.filter((r) => r.smoCode === f.smo);
    expect(own.find((r) => r.method === 3 && r.outcome === 3)?.results).toBeGreaterThanOrEqual(1);
    expect(own.find((r) => r.method === 1 && r.outcome === 1)?.results).toBeGreaterThanOrEqual(1);
    const smo2 = (await api('test_smo2', `/api/v1/informing/results/summary?${period}`)).body.items as {
      smoCode: string;
    }[];
    expect(smo2.some((r) => r.smoCode === f.smo)).toBe(false);
    expect((await api('test_smo', '/api/v1/informing/results/summary')).status).toBe(400);

    // The counters equal a count of the results, also after a result is sent again with another method
    const [last] = await t.db.sql<{ sourceId: string; requestId: string; date: string }[]>`
      select source_id as "sourceId", request_id::text as "requestId", result_date::text as date
      from informing.result where smo_code = ${f.smo} order by id desc limit 1`;
    const resent = await send('test_smo', '/api/v1/informing/results', [
      {
        sourceId: last!.sourceId,
        requestId: last!.requestId,
        date: last!.date,
        method: 7,
        step: 1,
        outcome: 1,
      },
    ]);
    expect(resent.body).toMatchObject({ accepted: 1 });
    const counted = await t.db.sql<{ smoCode: string; method: number; outcome: number; results: number }[]>`
      select smo_code as "smoCode", method, outcome, count(*)::int as results from informing.result
      where result_date between ${day(-1)}::date and ${today}::date group by 1, 2, 3 order by 1, 2, 3`;
    const summed = (await api('test_tfoms', `/api/v1/informing/results/summary?${period}`)).body.items as {
      smoCode: string;
    }[];
    expect(
      summed.map(({ smoCode, method, outcome, results }: Record<string, unknown>) => ({
        smoCode,
        method,
        outcome,
        results,
      })),
    ).toEqual(counted);
    const mo = (await api('test_mo', `/api/v1/informing/results/summary?${period}`)).body.items as {
      results: number;
    }[];
    expect(mo.reduce((n, r) => n + r.results, 0)).toBeGreaterThan(0);
  });

  it('the timeliness the fund and the СМО read from counters equals a count of the requests after all the moves', async () => {
    const period = `from=${day(-30)}&to=${day(30)}`;
    const counted = await t.db.sql`
      select smo_code as "smoCode", count(*)::int as requests,
             (count(*) filter (where status <> 'open'))::int as closed,
             (count(*) filter (where status = 'informed' and closed_on <= deadline))::int as "informedOnTime",
             (count(*) filter (where status = 'informed' and closed_on > deadline))::int as "informedLate",
             (count(*) filter (where status = 'open' and deadline < current_date))::int as overdue
      from informing.request where request_date between ${day(-30)}::date and ${day(30)}::date
      group by 1 order by 1`;
    const strip = (items: Record<string, unknown>[]) =>
      items.map(({ smoCode, requests, closed, informedOnTime, informedLate, overdue }) => ({
        smoCode,
        requests,
        closed,
        informedOnTime,
        informedLate,
        overdue,
      }));
    expect(counted.length).toBeGreaterThan(0);
    expect(strip((await api('test_tfoms', `/api/v1/informing/timeliness?${period}`)).body.items)).toEqual(
      counted.map((r) => ({ ...r })),
    );
    expect(strip((await api('test_smo', `/api/v1/informing/timeliness?${period}`)).body.items)).toEqual(
      counted.filter((r) => r.smoCode === f.smo).map((r) => ({ ...r })),
    );
    const mo = (await api('test_mo', `/api/v1/informing/timeliness?${period}`)).body.items as {
      requests: number;
    }[];
    const [sent] = await t.db.sql<{ n: number }[]>`
      select count(*)::int as n from informing.request
      where sender_code = ${f.polyclinic} and request_date between ${day(-30)}::date and ${day(30)}::date`;
    expect(mo.reduce((n, r) => n + r.requests, 0)).toBe(sent!.n);
  });

  it('the upcoming procedures are the requests of reasons PROCEDURE and CARE_INFO, with what to tell', async () => {
    const items = (
      await api('test_smo', '/api/v1/informing/requests?reason=PROCEDURE,CARE_INFO&pageSize=500')
    ).body.items as { reason: string; details: { procedure?: string } | null }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((r) => ['PROCEDURE', 'CARE_INFO'].includes(r.reason))).toBe(true);
    expect(items.map((r) => r.details?.procedure)).toContain('Коронарография');
    for (const bad of ['reason=PROCEDURE,NOPE', 'reason=,']) {
      expect((await api('test_smo', `/api/v1/informing/requests?${bad}`)).status, bad).toBe(400);
    }
  });

  it('surveys are listed for the СМО that recorded them, the МО they rate and the fund; the respondent only when named', async () => {
    type Survey = {
      id: string;
      moCode: string;
      personId: string | null;
      fio: string | null;
      answers: object;
    };
    const surveys = async (u: string, q = '') =>
      (await api(u, `/api/v1/informing/surveys?pageSize=500${q}`)).body.items as Survey[];
    const smo = await surveys('test_smo', `&moCode=${f.polyclinic}&condition=1`);
    expect(smo.length).toBe(3);
    expect(smo.filter((s) => s.fio !== null).map((s) => s.personId)).toEqual([fx.own.id]);
    expect((await surveys('test_mo')).map((s) => s.id).sort()).toEqual(smo.map((s) => s.id).sort());
    expect((await surveys('test_tfoms', `&personId=${fx.own.id}`)).length).toBe(1);
    expect(await surveys('test_smo2')).toEqual([]);
    expect(await surveys('test_hosp')).toEqual([]);
    expect((await api('test_smo', '/api/v1/informing/surveys?condition=4')).status).toBe(400);

    const form = (await api('test_smo', '/api/v1/informing/surveys/questionnaires')).body as {
      conditions: { condition: number; questions: { code: string }[] }[];
      scale: unknown[];
    };
    expect(form.conditions.map((c) => c.condition)).toEqual([1, 2, 3]);
    expect(form.conditions[0]!.questions.map((q) => q.code)).toContain('THERAPIST');
    expect(form.scale).toHaveLength(5);
  });

  it('the person card counts the person’s informing history for the СМО and the fund, not for the МО', async () => {
    const link = async (u: string) =>
      (await api(u, `/api/v1/persons/${fx.own.id}`)).body.sections.find(
        (s: { sectionId: string }) => s.sectionId === 'patient-informing',
      );
    // Two results and one named survey
    expect(await link('test_smo')).toMatchObject({ count: 3, path: '/patient-informing' });
    expect(await link('test_tfoms')).toMatchObject({ count: 3 });
    expect(await link('test_mo')).toBeUndefined();
  });
});
