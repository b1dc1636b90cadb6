// `npm run bench`: measured figures, not assertions (issue 10). Starts a throw-away embedded PostgreSQL (fsync off)
// and reports every path as a row — value, the ceiling measured in the same run, ratio, goal — then writes
// `.bench/latest.json` (report.ts). `BENCH_ONLY=exchange,lists` runs some sections; docs/performance.md lists them.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { startEmbeddedPostgres } from '../../infra/local/embedded-postgres';
import { ensureDemoRegion } from '../../shared/demo/demo-region-writer';
import { loadAllDirectories } from '../../shared/nsi/db/nsi-loader';
import { baseOptions, type Sql } from '../../shared/platform/db/connection';
import { migrate } from '../../shared/platform/db/migrate';
import { preventionPlanStory } from '../../shared/prevention/demo/plan-story';
import { startRuntimeProcess } from '../helpers/runtime-process';
import { benchAccess } from './access-bench';
import { benchBundles } from './bundles-bench';
import { benchErzImport } from './erz-import-bench';
import { benchExchange, benchRestLoad, measureCeilings } from './exchange-bench';
import { benchInforming, growInformingYear } from './informing-bench';
import { benchLists } from './lists-bench';
import { benchPrevention, growPreventionPlans } from './prevention-bench';
import { benchRegistryImport } from './registry-import-bench';
import { percentilesOf, report, writeReport } from './report';
import { benchTFile } from './t-file-bench';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const persons = Number(process.env.BENCH_PERSONS ?? 50_000);
const requests = Number(process.env.BENCH_REQUESTS ?? 500);
const only = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);
const runs = (section: string) => only.length === 0 || only.includes(section);

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await fn();
  return [r, performance.now() - t];
}

async function sequential(url: string, init: RequestInit, n: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await fetch(url, init);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`bench request ${url} failed with ${res.status}`);
    samples.push(performance.now() - t);
  }
  return samples;
}

const started = performance.now();
const dir = await mkdtemp('/var/tmp/omslink-bench-');
await chmod(dir, 0o755);
const pg = await startEmbeddedPostgres({
  pgDataDir: path.join(dir, 'pgdata'),
  database: 'bench',
  disposable: true,
});
const sql = postgres(pg.url, baseOptions(4)) as unknown as Sql;
try {
  await migrate(sql);
  console.log('Data');
  const [loaded, nsiMs] = await timed(() => loadAllDirectories(sql));
  const records = loaded.reduce((s, l) => s + l.records, 0);
  report({
    path: `НСИ load, ${loaded.length} directories, ${records.toLocaleString('en-US')} records`,
    value: nsiMs / 1000,
    unit: 's',
    better: 'lower',
  });
  if (runs('erz')) {
    const [, bigMs] = await timed(() => ensureDemoRegion(sql, { seed: 'bench-100k', persons: 100_000 }));
    report({ path: 'demo region, 100,000 persons', value: bigMs / 1000, unit: 's', better: 'lower' });
    await benchErzImport(sql, pg.url, 'bench-100k');
    await sql`truncate ops.demo_region, auth.account, person.attachment, person.policy, person.person, org.district, org.doctor, org.department_bed, org.department, org.organisation cascade`;
  }
  const [, demoMs] = await timed(() => ensureDemoRegion(sql, { seed: 'bench', persons }));
  report({
    path: `demo region, ${persons.toLocaleString('en-US')} persons`,
    value: demoMs / 1000,
    unit: 's',
    better: 'lower',
  });
  // A region's database is vacuumed and analysed; a freshly bulk-loaded one is not until autovacuum gets to it,
  // which would then compete with the measurements (and plan on missing statistics) for the next minutes.
  await sql`vacuum (analyze)`;
  if (runs('tfile')) {
    console.log('T-files');
    await benchTFile(sql, pg.url);
  }
  // The bench's system accounts may call as often as the load generator sends.
  await sql`update auth.account set rate_limit_per_minute = 10000000 where kind = 'system'`;

  const runtime = await startRuntimeProcess({
    dataDir: path.join(dir, 'runtime'),
    databaseUrl: pg.url,
    port: 0,
    demoFlows: false,
    demoSeed: 'bench',
    demoPersons: persons,
  });
  try {
    if (runs('rest')) {
      console.log('REST and SOAP latency, one user');
      const login = await fetch(`${runtime.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'test_tfoms', password: 'test_tfoms' }),
      });
      const { token } = (await login.json()) as { token: string };
      const auth = { authorization: `Bearer ${token}` };
      const health = percentilesOf(await sequential(`${runtime.url}/health`, {}, requests));
      const ceiling = { label: 'GET /health, same run', value: health.p50, unit: 'ms' };
      report({ path: 'GET /health, p50', value: health.p50, unit: 'ms', better: 'lower' });
      for (const [label, url] of [
        [
          'GET НСИ search (МКБ-10, "рак"), p50',
          '/api/v1/nsi/directories/MKB10/records?q=%D1%80%D0%B0%D0%BA&pageSize=50',
        ],
        [
          'GET НСИ page (V019, validOn, sort by name), p50',
          '/api/v1/nsi/directories/V019/records?validOn=2023-01-01&sort=name&page=3',
        ],
      ] as const) {
        const p = percentilesOf(await sequential(`${runtime.url}${url}`, { headers: auth }, requests));
        report({
          path: label,
          value: p.p50,
          unit: 'ms',
          better: 'lower',
          detail: `p95 ${p.p95.toFixed(1)} ms`,
          ceiling,
        });
      }
      await benchAccess(runtime.url, requests, ceiling);
    }
    if (runs('exchange') || runs('rest')) {
      console.log('Under load (autocannon), against the bare ceiling');
      const ceilingOf = await measureCeilings(pg.url);
      if (runs('exchange')) await benchExchange(sql, runtime.url, ceilingOf);
      if (runs('rest')) await benchRestLoad(sql, runtime.url, ceilingOf);
    }
    if (runs('registry')) {
      console.log('Registry-invoice import through the queue, against the parse-only ceiling');
      await benchRegistryImport(sql, runtime, { seed: 'bench', persons });
    }
    if (runs('prevention')) {
      console.log('Prevention funnel and due lists over the demo region’s prevention year');
      const [story, storyMs] = await timed(() => preventionPlanStory.run(sql, { seed: 'bench', persons }));
      report({
        path: `demo prevention year: ${story.summary}`,
        value: storyMs / 1000,
        unit: 's',
        better: 'lower',
      });
      await benchPrevention(
        sql,
        runtime.url,
        `demo region, ${persons.toLocaleString('en-US')} persons`,
        requests,
      );
    }
    if (runs('lists')) {
      console.log('Lists and feeds at region scale (1,000,000 persons, 2,000,000 referrals and stays)');
      await benchLists(sql, runtime.url);
      console.log('Prevention funnel and due lists at region scale (every adult planned)');
      const [planned, plannedMs] = await timed(() => growPreventionPlans(sql));
      report({
        path: `plan entries grown for every adult, ${planned.toLocaleString('en-US')} (set-based, counters recounted)`,
        value: plannedMs / 1000,
        unit: 's',
        better: 'lower',
      });
      await benchPrevention(sql, runtime.url, 'region, 1,000,000 persons', requests);
      console.log('Informing worklist and journals at region scale (a year of invitations and results)');
      const [informed, informedMs] = await timed(() => growInformingYear(sql));
      report({
        path: `informing year grown: ${informed.requests.toLocaleString('en-US')} requests, ${informed.results.toLocaleString('en-US')} results (set-based)`,
        value: informedMs / 1000,
        unit: 's',
        better: 'lower',
      });
      await benchInforming(sql, runtime.url, 'region, 1,000,000 persons', requests);
    }
  } finally {
    await runtime.kill();
  }
} finally {
  await sql.end();
  await pg.stop();
  await rm(dir, { recursive: true, force: true });
}
if (runs('bundles')) await benchBundles();
const file = await writeReport(root);
console.log(
  `\nbench finished in ${((performance.now() - started) / 60_000).toFixed(1)} min; ${path.relative(root, file)}`,
);
