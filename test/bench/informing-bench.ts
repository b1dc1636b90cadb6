// The СМО's informing worklist and the «Информирование пациента» journals (issue 14) at region scale: p95 of one
// user's requests through the local runtime's REST API over a year of informing of a 1,000,000-person register —
// an invitation for every planned adult (`growPreventionPlans` first), a quarter of them a second time, most closed
// by results over the year, the rest open with deadlines around today (`growInformingYear`, set-based). Goal 200 ms
// for a page of a list, 1,000 ms for a year's aggregate; the ceiling is the same route shape answering one row by
// a unique index (GET /api/v1/persons?enp=…), measured in the same run.
//
// `benchInforming(owner, runtimeUrl, scale, requests)` runs inside `npm run bench` (section `lists`, after the
// prevention plans are grown).
import type { Sql } from '../../shared/platform/db/connection';
import { sequential, signIn } from './lists-bench';
import { percentilesOf, report } from './report';

const listGoalMs = 200;
const aggregateGoalMs = 1_000;

/**
 * A year of informing over the grown plan entries: each entry's invitation (reason by kind), requested on a day of
 * the last 365 spread by the person's id, deadline 14 days later, as the plan rules would have made it (their rule
 * and source fact); a quarter repeated (primary 2). Requests whose
 * deadline passed are mostly closed by one or two results (an attempt, then informed; some refused), the rest stay
 * open — overdue, due today, due ahead. Owner connection, triggers off (the audit triggers would write one entry
 * naming every person), the results' counters recounted: set-based SQL. Answers the requests and results made.
 */
export async function growInformingYear(owner: Sql): Promise<{ requests: number; results: number }> {
  return owner.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    const requests = await tx`
      insert into informing.request (sender_code, source_id, person_id, smo_code, reason, primary_inf, request_date,
                                     window_from, window_to, deadline, mo_code, district_code, status, closed_on,
                                     attempts, rule_id, source_fact)
      select e.mo_code, 'bench-' || e.id || '-' || g.primary_inf, e.person_id, e.smo_code,
             case e.kind when 'DVN' then 'DVN1' else 'PMO' end, g.primary_inf, d.request_date,
             d.request_date, d.request_date + 30, d.request_date + 14, e.mo_code, e.district_code,
             case when d.request_date + 14 >= current_date or g.dice < 6 then 'open'
                  when g.dice < 10 then 'refused' else 'informed' end,
             case when d.request_date + 14 >= current_date or g.dice < 6 then null
                  else d.request_date + (g.dice % 20)::int end,
             case when g.dice % 4 = 0 then 1 else 0 end,
             case when g.primary_inf = 1 then case e.kind when 'DVN' then 'plan-dvn' else 'plan-pmo' end end,
             case when g.primary_inf = 1 then 'plan_entry:' || e.id end
      from prevention.plan_entry e
      cross join lateral (values (1), (2)) g0(primary_inf)
      cross join lateral (select g0.primary_inf, abs(hashint8(e.id * 7 + g0.primary_inf)) % 100 as dice) g
      cross join lateral (
        select current_date - (abs(hashint8(e.person_id)) % 365)::int + (g.primary_inf - 1) * 20 as request_date) d
      where g.primary_inf = 1 or abs(hashint8(e.id)) % 4 = 0
      on conflict do nothing`;
    const results = await tx`
      insert into informing.result (sender_code, source_id, request_id, person_id, smo_code, request_sender,
                                    result_date, method, step, outcome, operator)
      select r.smo_code, 'bench-' || r.id || '-' || x.n, r.id, r.person_id, r.smo_code, r.sender_code,
             case when x.n = 1 and r.attempts > 0 then r.request_date + 1 else r.closed_on end,
             (array[1, 3, 6, 7, 4, 2])[1 + abs(hashint8(r.id + x.n)) % 6], r.primary_inf,
             case when x.n = 1 and r.attempts > 0 then 3 when r.status = 'refused' then 2 else 1 end,
             'Страховой представитель ' || (abs(hashint8(r.id)) % 12 + 1)
      from informing.request r
      cross join lateral (values (1), (2)) x(n)
      where r.source_id like 'bench-%' and r.status <> 'open' and (x.n = 2 or r.attempts > 0)
      on conflict do nothing`;
    // The counters' trigger did not fire (replica role): count again, as after any bulk load.
    await tx`select informing.recount_results()`;
    await tx`select informing.recount_requests()`;
    return { requests: requests.count, results: results.count };
  });
}

/** A list's rows, a funnel's or a worklist's counts: what the first measured answer must have found. */
const foundSomething = (body: Record<string, unknown>) =>
  (Array.isArray(body.items) && body.items.length > 0) ||
  (Array.isArray(body.worklists) && body.worklists.length > 0);

/** Measures the СМО's worklist, the results journal, the home counts and the fund's year aggregates. */
export async function benchInforming(
  owner: Sql,
  runtimeUrl: string,
  scale: string,
  requests: number,
): Promise<void> {
  await owner`vacuum (analyze) informing.request, informing.result`;
  const [facts] = await owner<{ requests: number; results: number; enp: string; person: string }[]>`
    select (select count(*)::int from informing.request) as requests,
           (select count(*)::int from informing.result) as results,
           (select enp from person.person order by id desc limit 1) as enp,
           (select x.person_id::text from informing.result x
            where x.smo_code = (select org_code from auth.account where username = 'test_smo')
            order by x.id desc limit 1) as person`;
  const f = facts!;
  const tokens = {
    test_tfoms: await signIn(runtimeUrl, 'test_tfoms'),
    test_smo: await signIn(runtimeUrl, 'test_smo'),
  };
  const ceilingRun = percentilesOf(
    await sequential(runtimeUrl, tokens.test_tfoms, [`/api/v1/persons?enp=${f.enp}&pageSize=1`], requests),
  );
  const ceiling = {
    label: 'GET /api/v1/persons?enp=… (one row by unique index), p95',
    value: ceilingRun.p95,
    unit: 'ms',
  };
  const pages = (base: string) => Array.from({ length: 4 }, (_, i) => `${base}&page=${i + 1}`);
  const today = new Date().toISOString().slice(0, 10);
  const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
  const rows: [string, keyof typeof tokens, string[], number][] = [
    [
      'СМО worklist (open, by deadline), pages 1–4',
      'test_smo',
      pages('/api/v1/informing/requests?status=open&pageSize=50'),
      listGoalMs,
    ],
    [
      'СМО overdue worklist, pages 1–4',
      'test_smo',
      pages('/api/v1/informing/requests?worklist=overdue&pageSize=50'),
      listGoalMs,
    ],
    ['СМО home counts (due today, overdue)', 'test_smo', ['/api/v1/informing/home'], listGoalMs],
    [
      'СМО results journal, pages 1–4',
      'test_smo',
      pages('/api/v1/informing/results?pageSize=50'),
      listGoalMs,
    ],
    ['СМО one person’s results', 'test_smo', [`/api/v1/informing/results?personId=${f.person}`], listGoalMs],
    [
      'fund timeliness per СМО over a year',
      'test_tfoms',
      [`/api/v1/informing/timeliness?from=${yearAgo}&to=${today}`],
      aggregateGoalMs,
    ],
    [
      'fund results per СМО, method and outcome over a year',
      'test_tfoms',
      [`/api/v1/informing/results/summary?from=${yearAgo}&to=${today}`],
      aggregateGoalMs,
    ],
  ];
  const volume = `${f.requests.toLocaleString('en-US')} requests, ${f.results.toLocaleString('en-US')} results`;
  for (const [label, username, paths, goal] of rows) {
    const n = goal === aggregateGoalMs ? Math.min(requests, 30) : requests;
    const p = percentilesOf(await sequential(runtimeUrl, tokens[username], paths, n, foundSomething));
    report({
      path: `informing ${label} (${scale}, ${volume}), p95`,
      value: p.p95,
      unit: 'ms',
      better: 'lower',
      detail: `p50 ${p.p50.toFixed(1)} ms, p99 ${p.p99.toFixed(1)} ms, ${n} sequential requests`,
      ceiling,
      goal,
    });
  }

  await benchResultWrites(owner, runtimeUrl, tokens.test_smo, scale);

  // Last (it writes): the fund's daily run of every rule at this scale, timed once through REST.
  const started = performance.now();
  const run = await fetch(`${runtimeUrl}/api/v1/informing/generate`, {
    method: 'POST',
    headers: { ...tokens.test_tfoms, 'content-type': 'application/json' },
    body: JSON.stringify({ date: today }),
  });
  const ran = (await run.json()) as { made?: number; rules?: { ruleId: string; made: number }[] };
  if (!run.ok) throw new Error(`bench generation answered ${run.status}`);
  report({
    path: `informing generation, every rule once (${scale}, ${volume}): ${ran.made?.toLocaleString('en-US')} requests made`,
    value: (performance.now() - started) / 1000,
    unit: 's',
    better: 'lower',
    detail: (ran.rules ?? []).map((r) => `${r.ruleId} ${r.made}`).join(', '),
  });
}

/**
 * What the counters cost the writes (migrations 056–057): the СМО sends packages of 200 informing results, each
 * closing an open request, through REST — alternately with the counters' triggers on and off (the ceiling, same
 * run, same kind of package), 8 packages each.
 */
async function benchResultWrites(
  owner: Sql,
  runtimeUrl: string,
  headers: Record<string, string>,
  scale: string,
): Promise<void> {
  const perPackage = 200;
  const rounds = 8;
  const open = await owner<{ id: string }[]>`
    select r.id::text from informing.request r
    where r.smo_code = (select org_code from auth.account where username = 'test_smo') and r.status = 'open'
      and r.request_date <= current_date
    order by r.id limit ${2 * rounds * perPackage}`;
  if (open.length < 2 * rounds * perPackage) throw new Error('bench: too few open requests to inform');
  const triggers = (on: boolean) =>
    owner.unsafe(`
      alter table informing.result ${on ? 'enable' : 'disable'} trigger result_count_insert;
      alter table informing.result ${on ? 'enable' : 'disable'} trigger result_count_update;
      alter table informing.request ${on ? 'enable' : 'disable'} trigger request_count_update`);
  const today = new Date().toISOString().slice(0, 10);
  const samples: Record<'on' | 'off', number[]> = { on: [], off: [] };
  try {
    for (let i = 0; i < 2 * rounds; i++) {
      const side = i % 2 === 0 ? 'off' : 'on';
      await triggers(side === 'on');
      const records = open.slice(i * perPackage, (i + 1) * perPackage).map((r) => ({
        sourceId: `bench-write-${r.id}`,
        requestId: r.id,
        date: today,
        method: 3,
        step: 1,
        outcome: 1,
      }));
      const t = performance.now();
      const res = await fetch(`${runtimeUrl}/api/v1/informing/results`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ packageId: `bench-write-${i}-${Date.now()}`, records }),
      });
      const body = (await res.json()) as { accepted?: number };
      if (!res.ok || body.accepted !== perPackage)
        throw new Error(`bench results package answered ${res.status}`);
      samples[side].push(performance.now() - t);
    }
  } finally {
    await triggers(true);
    // The packages sent without the counters: count again.
    await owner`select informing.recount_results(), informing.recount_requests()`;
  }
  const off = percentilesOf(samples.off);
  const on = percentilesOf(samples.on);
  report({
    path: `informing results package of ${perPackage} (each closes a request) through REST, with the counters (${scale}), p50`,
    value: on.p50,
    unit: 'ms',
    better: 'lower',
    detail: `p95 ${on.p95.toFixed(0)} ms, ${rounds} packages, alternating with the counters off`,
    ceiling: {
      label: 'the same packages with the counters’ triggers off, same run, p50',
      value: off.p50,
      unit: 'ms',
    },
  });
}
