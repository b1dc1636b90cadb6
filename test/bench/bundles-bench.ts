// Function bundles (issue 10, item 5): every function of the manifest built as the CDK construct builds it
// (test/helpers/function-bundles.ts), its size, and the time a fresh `node` takes to import it — the part of a
// Lambda cold start the bundle decides. Run alone with `npx tsx test/bench/bundles-bench.ts`.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { FunctionSpec } from '../../functions/manifest';
import { buildFunctionBundles, bundleBudgetKiB, largestParts } from '../helpers/function-bundles';
import { type Measure, report } from './report';

const run = promisify(execFile);

/** Fresh processes per bundle; the median is reported. */
const importRuns = Number(process.env.BENCH_IMPORT_RUNS ?? 5);

/**
 * The goal of a cold import per function kind (issue 10). SOAP functions parse envelopes and carry the WSDLs;
 * the queue consumer and `migrate` are held to the REST goal.
 */
const importGoalMs: Record<FunctionSpec['kind'], number> = { rest: 150, soap: 250, queue: 150, ops: 150 };

/**
 * How long a fresh `node` takes to import `file`, from just before the `import()` to its end (node's own start is
 * not counted), and the CPU time the import took (user + system: what other processes on the machine do not
 * inflate). `--enable-source-maps` as the functions run (OmsFunction's NODE_OPTIONS).
 */
async function importOnce(file: string): Promise<{ wall: number; cpu: number }> {
  const script = [
    'const cpu = process.cpuUsage(); const t = performance.now();',
    `await import(${JSON.stringify(pathToFileURL(file).href)});`,
    'const wall = performance.now() - t; const used = process.cpuUsage(cpu);',
    'process.stdout.write(JSON.stringify({ wall, cpu: (used.user + used.system) / 1000 }));',
  ].join(' ');
  const { stdout } = await run(
    process.execPath,
    ['--enable-source-maps', '--input-type=module', '--eval', script],
    { env: { PATH: process.env.PATH ?? '' } },
  );
  return JSON.parse(stdout) as { wall: number; cpu: number };
}

interface ImportTiming {
  median: number;
  min: number;
  max: number;
  cpuMedian: number;
}

async function coldImport(file: string): Promise<ImportTiming> {
  const samples: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < importRuns; i++) samples.push(await importOnce(file));
  const walls = samples.map((s) => s.wall).sort((a, b) => a - b);
  const cpus = samples.map((s) => s.cpu).sort((a, b) => a - b);
  const middle = Math.floor(samples.length / 2);
  return { median: walls[middle]!, min: walls[0]!, max: walls[walls.length - 1]!, cpuMedian: cpus[middle]! };
}

export async function benchBundles(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'omslink-bundles-'));
  try {
    console.log('Function bundles');
    const started = performance.now();
    const bundles = await buildFunctionBundles(dir);
    console.log(`  (${bundles.length} bundles built in ${Math.round(performance.now() - started)} ms)`);

    const empty = path.join(dir, 'empty.mjs');
    await writeFile(empty, 'export {};\n');
    const ceiling: Measure & { label: string } = {
      value: (await coldImport(empty)).median,
      unit: 'ms',
      label: 'an empty ESM module',
    };

    for (const bundle of bundles) {
      const { spec } = bundle;
      report({
        path: `bundle ${spec.name}`,
        value: bundle.bytes / 1024,
        unit: 'KiB',
        better: 'lower',
        detail: `${spec.kind}; ${largestParts(bundle)}`,
        goal: bundleBudgetKiB,
      });
      const timing = await coldImport(bundle.file);
      report({
        path: `cold import ${spec.name}`,
        value: timing.median,
        unit: 'ms',
        better: 'lower',
        detail: `${spec.kind}, median of ${importRuns} fresh node processes (${timing.min.toFixed(0)}–${timing.max.toFixed(0)} ms), CPU ${timing.cpuMedian.toFixed(0)} ms, load ${os.loadavg()[0]!.toFixed(1)}`,
        ceiling,
        goal: importGoalMs[spec.kind],
      });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await benchBundles();
}
