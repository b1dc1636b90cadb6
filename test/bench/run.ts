// `npm run bench`: measured figures, not assertions. Starts a throw-away embedded PostgreSQL (fsync off) and
// reports the НСИ load, the demo region generation, and REST/SOAP latency through the local runtime.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import postgres from 'postgres';
import { startEmbeddedPostgres } from '../../infra/local/embedded-postgres';
import { startLocalRuntime } from '../../infra/local/runtime';
import { ensureDemoRegion } from '../../shared/demo/demo-region-writer';
import { loadAllDirectories } from '../../shared/nsi/db/nsi-loader';
import { baseOptions, type Sql } from '../../shared/platform/db/connection';
import { migrate } from '../../shared/platform/db/migrate';
import { benchAccess } from './access-bench';
import { benchErzImport } from './erz-import-bench';

const persons = Number(process.env.BENCH_PERSONS ?? 50_000);
const requests = Number(process.env.BENCH_REQUESTS ?? 500);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function percentiles(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!.toFixed(1);
  return `p50 ${at(50)} ms, p95 ${at(95)} ms, p99 ${at(99)} ms`;
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await fn();
  return [r, performance.now() - t];
}

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
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const [loaded, nsiMs] = await timed(() => loadAllDirectories(sql));
  const records = loaded.reduce((s, l) => s + l.records, 0);
  console.log(
    `НСИ load: ${loaded.length} directories, ${records} records in ${nsiMs.toFixed(0)} ms (${Math.round(records / (nsiMs / 1000))} records/s), peak RSS ${mb(peak)}`,
  );
  const [, againMs] = await timed(() => loadAllDirectories(sql));
  console.log(`НСИ reload (unchanged publications skipped by hash): ${againMs.toFixed(0)} ms`);

  peak = process.memoryUsage().rss;
  const [demo, demoMs] = await timed(() => ensureDemoRegion(sql, { seed: 'bench', persons }));
  const rows = demo.counts.persons + demo.counts.policies + demo.counts.attachments;
  console.log(
    `demo region: ${demo.counts.persons} persons, ${rows} person/policy/attachment rows in ${demoMs.toFixed(0)} ms (${Math.round(rows / (demoMs / 1000))} rows/s), peak RSS ${mb(peak)}`,
  );
  clearInterval(sampler);

  await sql`truncate ops.demo_region, auth.account, person.attachment, person.policy, person.person, org.district, org.doctor, org.department_bed, org.department, org.organisation cascade`;
  const [, bigMs] = await timed(() => ensureDemoRegion(sql, { seed: 'bench-100k', persons: 100_000 }));
  console.log(`demo region with 100,000 persons: ${bigMs.toFixed(0)} ms`);
  await benchErzImport(sql, pg.url, 'bench-100k');
} finally {
  await sql.end();
}

const dataDir = path.join(dir, 'runtime');
const runtime = await startLocalRuntime({
  dataDir,
  databaseUrl: pg.url,
  port: 0,
  demoFlows: false,
  demoSeed: 'bench',
  demoPersons: persons,
});
try {
  const login = await fetch(`${runtime.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'test_tfoms', password: 'test_tfoms' }),
  });
  const { token } = (await login.json()) as { token: string };
  const auth = { authorization: `Bearer ${token}` };
  for (const [label, url, init] of [
    ['GET /health', '/health', {}],
    [
      'GET НСИ search (МКБ-10, "рак")',
      '/api/v1/nsi/directories/MKB10/records?q=%D1%80%D0%B0%D0%BA&pageSize=50',
      { headers: auth },
    ],
    [
      'GET НСИ page (V019, validOn, sort by name)',
      '/api/v1/nsi/directories/V019/records?validOn=2023-01-01&sort=name&page=3',
      { headers: auth },
    ],
  ] as const) {
    const samples: number[] = [];
    for (let i = 0; i < requests; i++) {
      const t = performance.now();
      const res = await fetch(`${runtime.url}${url}`, init);
      await res.arrayBuffer();
      samples.push(performance.now() - t);
    }
    console.log(`${label}: ${requests} sequential requests, ${percentiles(samples)}`);
  }
  const envelope =
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:n="urn:omslink:nsi:1"><soap:Body>' +
    '<n:GetDirectoryRecordsRequest><n:DirectoryCode>V002</n:DirectoryCode><n:PageSize>100</n:PageSize></n:GetDirectoryRecordsRequest></soap:Body></soap:Envelope>';
  const samples: number[] = [];
  const basic = `Basic ${Buffer.from('soap_mo:soap_mo').toString('base64')}`;
  for (let i = 0; i < Math.min(requests, 200); i++) {
    const t = performance.now();
    const res = await fetch(`${runtime.url}/soap/NsiService`, {
      method: 'POST',
      body: envelope,
      headers: { authorization: basic, 'content-type': 'text/xml' },
    });
    await res.arrayBuffer();
    samples.push(performance.now() - t);
  }
  console.log(
    `SOAP GetDirectoryRecords (V002, 100 records, verified-credential cache): ${samples.length} requests, ${percentiles(samples)}`,
  );
  await benchAccess(runtime, requests, percentiles);
} finally {
  await runtime.stop();
  await pg.stop();
  await rm(dir, { recursive: true, force: true });
}
