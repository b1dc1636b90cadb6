// The prevention funnel and due lists (issue 13): p95 of one user's requests through the local runtime's REST API,
// over the demo region's prevention year (its demo story) and over a register of 1,000,000 persons whose adults
// are all planned for ДВН or ПМО (set-based, `growPreventionPlans`). Goal 200 ms; the ceiling is the same route
// shape answering one row by a unique index (GET /api/v1/persons?enp=…), measured in the same run.
//
// `benchPrevention(owner, runtimeUrl, scale)` runs inside `npm run bench` (sections `prevention` and `lists`);
// alone: `npx tsx test/bench/prevention-bench.ts` (BENCH_PREVENTION_PERSONS, BENCH_PREVENTION_REQUESTS), which then
// grows a year of informing over the plans and measures the informing lists too (informing-bench.ts).
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { startEmbeddedPostgres } from '../../infra/local/embedded-postgres';
import { baseOptions, type Sql } from '../../shared/platform/db/connection';
import { generateBigRegister } from '../helpers/big-register';
import { startRuntimeProcess } from '../helpers/runtime-process';
import { benchInforming, growInformingYear } from './informing-bench';
import { sequential, signIn } from './lists-bench';
import { percentilesOf, report, writeReport } from './report';

const goalMs = 200;

/** A list's rows, a funnel's or a worklist's counts: what the first measured answer must have found. */
const foundSomething = (body: Record<string, unknown>) =>
  (Array.isArray(body.items) && body.items.length > 0) ||
  Boolean((body.funnel as { planned?: number } | undefined)?.planned);

/**
 * Plans every adult with a policy and an attachment for this year's ДВН or ПМО (by age, as `domain/eligibility.ts`
 * says), in the birth month, in the attachment's district, with the furthest step spread as a year in progress
 * (planned months up to now: 70 % started, 55 % finished stage 1, 8 % sent to stage 2, 5 % refused). Owner
 * connection, triggers off (the audit triggers would write one entry naming every person), the funnel's counters
 * recounted: set-based SQL.
 */
export async function growPreventionPlans(owner: Sql): Promise<number> {
  return owner.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    const rows = await tx`
      insert into prevention.plan_entry (sender_code, source_id, mo_code, person_id, smo_code, year, kind, months,
                                         district_code, doctor_snils, furthest_step, furthest_rank, furthest_step_date,
                                         sort_name)
      select a.mo_code, 'bench-' || p.id, a.mo_code, p.id, po.smo_code, g.year, g.kind,
             array[extract(month from p.birth_date)::smallint], a.district_code, a.doctor_snils,
             s.step, s.rank, case when s.step is not null then make_date(g.year, extract(month from p.birth_date)::int, 15) end,
             concat_ws(' ', p.fam, p.im, p.ot)
      from person.person p
      join person.attachment a on a.person_id = p.id and a.date_end is null
      join person.policy po on po.person_id = p.id and po.date_end is null
      cross join lateral (
        select extract(year from current_date)::int as year,
               extract(year from current_date)::int - extract(year from p.birth_date)::int as age) y
      cross join lateral (
        select y.year,
               case when y.age >= 40 or (y.age between 18 and 39 and (y.age - 18) % 3 = 0) then 'DVN' else 'PMO' end
                 as kind,
               abs(hashint8(p.id)) % 100 as dice) g
      cross join lateral (
        select case when extract(month from p.birth_date) > extract(month from current_date) then null
                    when g.dice < 5 then (case g.kind when 'DVN' then 101 else 201 end)
                    when g.dice < 13 then (case g.kind when 'DVN' then 104 else 203 end)
                    when g.dice < 60 then (case g.kind when 'DVN' then 103 else 203 end)
                    when g.dice < 75 then (case g.kind when 'DVN' then 102 else 202 end) end::smallint as step) st
      cross join lateral (
        select st.step, case when st.step in (101, 201) then 9 when st.step in (104) then 3
                             when st.step in (103, 203) then 2 when st.step in (102, 202) then 1 end::smallint as rank) s
      where y.age >= 18
      on conflict do nothing`;
    // The counters' trigger did not fire (replica role): count again, as after any bulk load.
    await tx`select prevention.recount_funnel()`;
    return rows.count;
  });
}

/** Measures the funnel and the due lists as the МО, the СМО and the fund read them. */
export async function benchPrevention(
  owner: Sql,
  runtimeUrl: string,
  scale: string,
  requests: number,
): Promise<void> {
  await owner`vacuum (analyze) prevention.plan_entry`;
  const [facts] = await owner<
    { year: number; month: string; mo: string; smo: string; district: string; enp: string }[]
  >`
    select extract(year from current_date)::int as year, to_char(current_date, 'YYYY-MM') as month,
           (select org_code from auth.account where username = 'test_mo') as mo,
           (select org_code from auth.account where username = 'test_smo') as smo,
           (select district_code from prevention.plan_entry
            where mo_code = (select org_code from auth.account where username = 'test_mo') and district_code is not null
            group by 1 order by count(*) desc limit 1) as district,
           (select enp from person.person order by id desc limit 1) as enp`;
  const [count] = await owner<
    { entries: number }[]
  >`select count(*)::int as entries from prevention.plan_entry`;
  const f = facts!;
  const headers = {
    test_tfoms: await signIn(runtimeUrl, 'test_tfoms'),
    test_smo: await signIn(runtimeUrl, 'test_smo'),
    test_mo: await signIn(runtimeUrl, 'test_mo'),
  };
  const ceilingRun = percentilesOf(
    await sequential(runtimeUrl, headers.test_tfoms, [`/api/v1/persons?enp=${f.enp}&pageSize=1`], requests),
  );
  const ceiling = {
    label: 'GET /api/v1/persons?enp=… (one row by unique index), p95',
    value: ceilingRun.p95,
    unit: 'ms',
  };
  const funnel = (query: string) => [`/api/v1/prevention/funnel?year=${f.year}&kind=DVN${query}`];
  const due = (pages: number) =>
    Array.from(
      { length: pages },
      (_, i) => `/api/v1/prevention/due?month=${f.month}&pageSize=25&page=${i + 1}`,
    );
  const rows: [string, keyof typeof headers, string[]][] = [
    ['funnel ДВН, the region, as ТФОМС', 'test_tfoms', funnel('')],
    [
      'funnel ДВН, one МО and district, as ТФОМС',
      'test_tfoms',
      funnel(`&moCode=${f.mo}&districtCode=${f.district}`),
    ],
    ['funnel ДВН, its own, as МО', 'test_mo', funnel('')],
    ['funnel ДВН, its insured, as СМО', 'test_smo', funnel('')],
    ['due list of the month, pages 1–4, as МО', 'test_mo', due(4)],
    ['due list of the month, pages 1–4, as СМО', 'test_smo', due(4)],
  ];
  for (const [label, username, paths] of rows) {
    const p = percentilesOf(await sequential(runtimeUrl, headers[username], paths, requests, foundSomething));
    report({
      path: `prevention ${label} (${scale}, ${count!.entries.toLocaleString('en-US')} plan entries), p95`,
      value: p.p95,
      unit: 'ms',
      better: 'lower',
      detail: `p50 ${p.p50.toFixed(1)} ms, p99 ${p.p99.toFixed(1)} ms, ${requests} sequential requests`,
      ceiling,
      goal: goalMs,
    });
  }
}

// Alone: a throw-away embedded PostgreSQL (fsync off), the runtime in its own process, the register grown, the
// plans grown, the measurements.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const persons = Number(process.env.BENCH_PREVENTION_PERSONS ?? 1_000_000);
  const requests = Number(process.env.BENCH_PREVENTION_REQUESTS ?? 200);
  const dir = await mkdtemp('/var/tmp/omslink-bench-prevention-');
  await chmod(dir, 0o755);
  const pg = await startEmbeddedPostgres({
    pgDataDir: path.join(dir, 'pgdata'),
    database: 'bench',
    disposable: true,
  });
  const owner = postgres(pg.url, baseOptions(2)) as unknown as Sql;
  try {
    const runtime = await startRuntimeProcess({
      dataDir: path.join(dir, 'runtime'),
      databaseUrl: pg.url,
      port: 0,
      demoFlows: false,
      demoSeed: 'bench',
      demoPersons: 2_000,
    });
    try {
      await generateBigRegister(owner, { persons, referrals: 1_000, stays: 1_000, auditEntries: 1_000 });
      const t = performance.now();
      const planned = await growPreventionPlans(owner);
      console.log(`${planned} plan entries in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      await benchPrevention(owner, runtime.url, `${persons.toLocaleString('en-US')} persons`, requests);
      const grown = performance.now();
      const informed = await growInformingYear(owner);
      console.log(
        `${informed.requests} requests, ${informed.results} results in ${((performance.now() - grown) / 1000).toFixed(1)} s`,
      );
      await benchInforming(owner, runtime.url, `${persons.toLocaleString('en-US')} persons`, requests);
    } finally {
      await runtime.kill();
    }
  } finally {
    await owner.end();
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  }
  await writeReport(root);
}
