// The bench's one report: every measured path as a row with its value, the ceiling measured in the same run,
// the ratio to that ceiling and the goal (issue 10). Printed as a table at the end and written to
// `.bench/latest.json` so runs can be compared.
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** `higher`: a rate (req/s, records/s); `lower`: a duration or a size (ms, s, KiB). */
export type Better = 'higher' | 'lower';

export interface Measure {
  value: number;
  unit: string;
}

export interface BenchRow {
  /** What was measured, e.g. "SOAP SendReferrals, 1 record, 16 connections". */
  path: string;
  value: number;
  unit: string;
  better: Better;
  /** Extra figures of the same measurement, e.g. "p50 3.1 ms, p99 9.8 ms". */
  detail?: string;
  /** The bound measured in the same run on the same machine (a bare INSERT server, COPY, parse-only). */
  ceiling?: Measure & { label: string };
  /** The issue's goal for this row, in the row's unit. */
  goal?: number;
}

export interface ReportedRow extends BenchRow {
  /** value / ceiling for rates, ceiling / value for durations: how close to the ceiling (1 = at it). */
  ratio?: number;
  met?: boolean;
}

const rows: ReportedRow[] = [];

function ratioOf(row: BenchRow): number | undefined {
  if (!row.ceiling || row.ceiling.unit !== row.unit || row.value <= 0 || row.ceiling.value <= 0) {
    return undefined;
  }
  return row.better === 'higher' ? row.value / row.ceiling.value : row.ceiling.value / row.value;
}

/** Adds a row to the report and prints it at once (a long bench shows its progress). */
export function report(row: BenchRow): ReportedRow {
  const ratio = ratioOf(row);
  const met =
    row.goal === undefined
      ? undefined
      : row.better === 'higher'
        ? row.value >= row.goal
        : row.value <= row.goal;
  const reported: ReportedRow = {
    ...row,
    ...(ratio === undefined ? {} : { ratio }),
    ...(met === undefined ? {} : { met }),
  };
  rows.push(reported);
  console.log(`  ${line(reported)}`);
  return reported;
}

const figure = (value: number) =>
  value >= 100
    ? Math.round(value).toLocaleString('en-US')
    : value >= 10
      ? value.toFixed(1)
      : value.toFixed(2);

function line(row: ReportedRow): string {
  const parts = [`${row.path}: ${figure(row.value)} ${row.unit}`];
  if (row.detail) parts.push(row.detail);
  if (row.ceiling) {
    parts.push(
      `ceiling ${figure(row.ceiling.value)} ${row.ceiling.unit} (${row.ceiling.label})${row.ratio === undefined ? '' : `, ratio ${(row.ratio * 100).toFixed(1)} %`}`,
    );
  }
  if (row.goal !== undefined) {
    parts.push(
      `goal ${row.better === 'higher' ? '≥' : '≤'} ${figure(row.goal)} ${row.unit}: ${row.met ? 'met' : 'NOT met'}`,
    );
  }
  return parts.join(' · ');
}

/** Percentiles of latency samples in ms. */
export function percentilesOf(samples: readonly number[]): { p50: number; p95: number; p99: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
  return { p50: at(50), p95: at(95), p99: at(99) };
}

/** Prints every row again as one table and writes `.bench/latest.json` (with the machine it ran on). */
export async function writeReport(root: string): Promise<string> {
  console.log('\nSummary');
  for (const row of rows) console.log(`  ${row.met === false ? '✗' : row.met ? '✓' : '·'} ${line(row)}`);
  const file = path.join(root, '.bench', 'latest.json');
  await mkdir(path.dirname(file), { recursive: true });
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
  await writeFile(file, `${JSON.stringify({ at: new Date().toISOString(), machine, rows }, null, 2)}\n`);
  return file;
}
