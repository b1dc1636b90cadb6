// `npm test`: the whole suite, in the order that fails fastest — typecheck, lint and architecture rules,
// unit, integration (embedded PostgreSQL), infra (CDK synth), e2e (real Chromium). Projects run one after
// another (2-core machines): each starts its own PostgreSQL. Exits non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies, ensureWebBuild } from '../infra/local/start.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);
const projects = ['unit', 'integration', 'infra', 'e2e'].filter((p) => only.length === 0 || only.includes(p));

function run(label, command, args) {
  console.log(`\n▶ ${label}`);
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' },
  });
  console.log(
    `  ${label}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return result.status === 0;
}

ensureDependencies();
let ok = true;
if (only.length === 0) {
  ok = run('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']) && ok;
  ok = run('lint', 'npm', ['run', '--silent', 'lint']) && ok;
}
if (projects.includes('e2e')) ensureWebBuild();

const reports = mkdtempSync(path.join(tmpdir(), 'omslink-test-'));
let passed = 0;
let failed = 0;
let skipped = 0;
for (const project of projects) {
  const out = path.join(reports, `${project}.json`);
  ok =
    run(`vitest ${project}`, 'npx', [
      'vitest',
      'run',
      '--project',
      project,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${out}`,
    ]) && ok;
  try {
    const report = JSON.parse(readFileSync(out, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests + (report.numFailedTestSuites ?? 0);
    skipped += report.numPendingTests + report.numTodoTests;
  } catch {
    failed += 1;
    ok = false;
  }
}
rmSync(reports, { recursive: true, force: true });
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(ok && failed === 0 ? 0 : 1);
