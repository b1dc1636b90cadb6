// Registry-invoice import (issue 12): generated C-file packages with onco blocks and their L-files (windows-1251,
// zipped) for persons of the bench's demo register, imported end to end through the local runtime: the upload
// URL (PUT over HTTP), registration, the local queue and the import consumer, followed by polling the journal.
// Reported against the parse-only ceiling measured in the same run (the same streaming reader over the same file,
// items discarded), at two sizes to show that the consumer's memory does not grow with the file. Peak RSS is the
// queue consumer's (its own process, as the consumer is a function of its own in AWS: VmHWM, reset before each
// import), warmed by a small package first as a consumer serving a queue is. Alone:
// `npx tsx test/bench/registry-import-bench.ts`.
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { generatePersons } from '../../shared/demo/persons';
import { generateRegionStructure } from '../../shared/demo/region-structure';
import type { Sql } from '../../shared/platform/db/connection';
import { registryPersonFromDemo } from '../../shared/registry/demo/package-generator';
import { parseOnlyCeiling, writeGeneratedPackage } from './registry-parse-bench';
import { report } from './report';

const mib = (kib: number) => kib / 1024;

/** The process's resident set size now (VmRSS) or its peak since the last reset (VmHWM), MiB (Linux). */
async function rssOf(pid: number, which: 'VmRSS' | 'VmHWM'): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = new RegExp(`^${which}:\\s+(\\d+) kB`, 'm').exec(status);
    return kb ? mib(Number(kb[1])) : null;
  } catch {
    return null;
  }
}

/** Resets the peak to the current RSS (`echo 5 > /proc/<pid>/clear_refs`); false where the kernel refuses. */
async function resetPeakRss(pid: number): Promise<boolean> {
  try {
    await writeFile(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** The runtime's queue consumer process (queue-consumer-child.ts), once the first message started it. */
async function consumerPid(runtimePid: number): Promise<number | null> {
  const threads = await readdir(`/proc/${runtimePid}/task`).catch(() => [] as string[]);
  for (const thread of threads) {
    const children = await readFile(`/proc/${runtimePid}/task/${thread}/children`, 'utf8').catch(() => '');
    for (const child of children.split(' ').filter(Boolean)) {
      const cmdline = await readFile(`/proc/${child}/cmdline`, 'utf8').catch(() => '');
      if (cmdline.includes('queue-consumer-child')) return Number(child);
    }
  }
  return null;
}

async function token(runtimeUrl: string, username: string): Promise<string> {
  const res = await fetch(`${runtimeUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: username }),
  });
  if (!res.ok) throw new Error(`sign-in ${username}: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

interface ImportRun {
  seconds: number;
  uploadSeconds: number;
  peakRssMiB: number | null;
  /** The consumer's RSS when the import started. */
  restingRssMiB: number | null;
  counts: { cases: number; accepted: number; rejected: number; onco: number };
}

/** Uploads `file` through the upload URL, registers it and waits until the consumer has imported it. */
async function importThroughRuntime(
  runtimeUrl: string,
  runtimePid: number,
  file: string,
  auth: string,
): Promise<ImportRun> {
  const headers = { authorization: `Bearer ${auth}` };
  const pid = await consumerPid(runtimePid);
  const resetOk = pid !== null && (await resetPeakRss(pid));
  const restingRssMiB = pid === null ? null : await rssOf(pid, 'VmRSS');
  const started = performance.now();
  const created = await fetch(`${runtimeUrl}/api/v1/registries/uploads`, { method: 'POST', headers });
  if (created.status !== 201) throw new Error(`upload URL: ${created.status} ${await created.text()}`);
  const upload = (await created.json()) as { uploadId: string; uploadUrl: string };
  const size = (await stat(file)).size;
  const put = await fetch(upload.uploadUrl, {
    method: 'PUT',
    headers: { 'content-length': String(size) },
    body: createReadStream(file) as unknown as BodyInit,
    duplex: 'half',
  } as RequestInit);
  if (!put.ok) throw new Error(`PUT: ${put.status} ${await put.text()}`);
  const fileName = file.slice(file.lastIndexOf('/') + 1);
  const registered = await fetch(`${runtimeUrl}/api/v1/registries`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ uploadId: upload.uploadId, fileName }),
  });
  if (registered.status !== 202) throw new Error(`register: ${registered.status} ${await registered.text()}`);
  const uploadSeconds = (performance.now() - started) / 1000;
  const { id } = (await registered.json()) as { id: number };
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const res = await fetch(`${runtimeUrl}/api/v1/registries/${id}`, { headers });
    const body = (await res.json()) as {
      import: { status: string; counts: ImportRun['counts'] | null; error: string | null };
    };
    const entry = body.import;
    if (entry.status === 'queued' || entry.status === 'processing') continue;
    if (entry.status !== 'done' || !entry.counts) throw new Error(`import ${id}: ${JSON.stringify(entry)}`);
    return {
      seconds: (performance.now() - started) / 1000,
      uploadSeconds,
      peakRssMiB: resetOk ? await rssOf(pid!, 'VmHWM') : null,
      restingRssMiB,
      counts: entry.counts,
    };
  }
}

/**
 * The section: packages of `sizes` cases (the last is the reported one) of test_mo's МО, for the persons of the
 * demo region `seed` (`persons` of them) the runtime serves.
 */
export async function benchRegistryImport(
  owner: Sql,
  runtime: { url: string; pid: number },
  region: { seed: string; persons: number },
  sizes: readonly number[] = [50_000, 200_000],
): Promise<void> {
  const dir = await mkdtemp('/var/tmp/omslink-registry-bench-');
  try {
    const structure = generateRegionStructure(region.seed);
    const persons = [...generatePersons(region.seed, region.persons, structure)].map(registryPersonFromDemo);
    const [account] = await owner<{ org_code: string }[]>`
      select org_code from auth.account where username = 'test_mo'`;
    const moCode = account!.org_code;
    const auth = await token(runtime.url, 'test_mo');
    const packageOf = (count: number, packet: number) =>
      writeGeneratedPackage(dir, {
        seed: `bench-${count}`,
        persons,
        smoCodes: structure.organisations.filter((o) => o.kind === 'SMO').map((o) => o.code),
        doctors: structure.doctors.filter((d) => d.moCode === moCode).map((d) => d.snils),
        moCode,
        year: 2026,
        month: 10,
        packet,
        kind: 'C',
        count,
      });
    // A consumer serving a queue is warm: the first message starts its process (compiling the reader and the
    // checks, connecting); that file is not measured, its time is shown.
    const warmUpCases = 1_000;
    const warmUp = await importThroughRuntime(
      runtime.url,
      runtime.pid,
      await packageOf(warmUpCases, 9),
      auth,
    );
    const runs: { cases: number; run: ImportRun; parse: Awaited<ReturnType<typeof parseOnlyCeiling>> }[] = [];
    for (const [i, count] of sizes.entries()) {
      let t = performance.now();
      const file = await packageOf(count, i + 1);
      const zip = (await stat(file)).size;
      console.log(
        `registry package: ${count} cases, ZIP ${(zip / 1e6).toFixed(1)} MB, written in ${((performance.now() - t) / 1000).toFixed(1)} s`,
      );
      t = performance.now();
      const parse = await parseOnlyCeiling(file);
      const run = await importThroughRuntime(runtime.url, runtime.pid, file, auth);
      if (run.counts.accepted !== count) throw new Error(`registry import: ${JSON.stringify(run.counts)}`);
      runs.push({ cases: count, run, parse });
      await rm(file, { force: true });
    }
    for (const { cases, run, parse } of runs) {
      const label = `${cases.toLocaleString('en-US')} cases`;
      const mbPerSecond = parse.xmlBytes / 1e6 / run.seconds;
      report({
        path: `Registry import, C-file of ${label} with onco blocks, end to end through the queue`,
        value: mbPerSecond,
        unit: 'MB/s',
        better: 'higher',
        detail: `${run.seconds.toFixed(1)} s (upload and registration ${run.uploadSeconds.toFixed(1)} s), ${Math.round(cases / run.seconds).toLocaleString('en-US')} cases/s, the consumer's first file (${warmUpCases.toLocaleString('en-US')} cases) ${warmUp.seconds.toFixed(1)} s, ${(parse.xmlBytes / 1e6).toFixed(0)} MB of XML in a ${(parse.zipBytes / 1e6).toFixed(1)} MB ZIP, ${run.counts.onco.toLocaleString('en-US')} onco cases`,
        ceiling: {
          value: parse.mbPerSecond,
          unit: 'MB/s',
          label: `parse-only: the same reader over the same file, ${parse.seconds.toFixed(1)} s, ${Math.round(parse.casesPerSecond).toLocaleString('en-US')} cases/s`,
        },
        goal: parse.mbPerSecond * 0.4,
      });
      if (run.peakRssMiB !== null) {
        report({
          path: `Registry import, ${label}, peak RSS of the queue consumer process`,
          value: run.peakRssMiB,
          unit: 'MiB',
          better: 'lower',
          detail: `the consumer at rest ${run.restingRssMiB?.toFixed(0) ?? '?'} MiB: the import added ${run.restingRssMiB === null ? '?' : (run.peakRssMiB - run.restingRssMiB).toFixed(0)} MiB; parse-only peak ${parse.peakRssMiB.toFixed(0)} MiB in the bench process`,
          goal: 300,
        });
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// Alone: a throw-away database with the demo region and a runtime process.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { withBenchDatabase } = await import('./bench-database');
  const { migrate } = await import('../../shared/platform/db/migrate');
  const { loadAllDirectories } = await import('../../shared/nsi/db/nsi-loader');
  const { ensureDemoRegion } = await import('../../shared/demo/demo-region-writer');
  const { startRuntimeProcess } = await import('../helpers/runtime-process');
  const { writeReport } = await import('./report');
  const persons = Number(process.env.BENCH_PERSONS ?? 50_000);
  const sizes = (process.env.BENCH_REGISTRY_SIZES ?? '50000,200000').split(',').map(Number);
  await withBenchDatabase(async (sql, url) => {
    await migrate(sql);
    await loadAllDirectories(sql);
    await ensureDemoRegion(sql, { seed: 'bench', persons });
    await sql`vacuum (analyze)`;
    const dataDir = await mkdtemp('/var/tmp/omslink-registry-runtime-');
    const runtime = await startRuntimeProcess({
      dataDir,
      databaseUrl: url,
      port: 0,
      demoFlows: false,
      demoSeed: 'bench',
      demoPersons: persons,
    });
    try {
      await benchRegistryImport(sql, runtime, { seed: 'bench', persons }, sizes);
    } finally {
      await runtime.kill();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
  // The summary; the full bench's .bench/latest.json is not overwritten by a section run alone.
  await writeReport(await mkdtemp('/var/tmp/omslink-registry-report-'));
}
