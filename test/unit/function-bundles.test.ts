import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allFunctions } from '../../functions/manifest';
import { buildFunctionBundles, bundleBudgetKiB, type FunctionBundle } from '../helpers/function-bundles';

/** Why the package processor's bundles are over the budget (~290 KiB of zod's locales and JSON-schema code). */
const packageHeaderZod =
  "shared/platform/exchange/package-header.ts imports `{ z }` from 'zod', which bundles all of zod " +
  "(`import * as z from 'zod'` lets esbuild drop what is unused)";

/**
 * Bundles over the budget for a reason outside the function, with the size each may not pass. Remove an entry
 * once its reason is gone (the bench, test/bench/bundles-bench.ts, shows every size).
 */
const overBudget: Record<string, { reason: string; ceilingKiB: number }> = {
  ...Object.fromEntries(
    [
      'ReferralsCreate',
      'ReferralsCancel',
      'ReferralsAdmit',
      'AdmissionsCreate',
      'AdmissionsDischarge',
      'AdmissionsMovement',
      'FreeBedsSend',
      'HospitalPlansSend',
      'HospitalisationPackage',
    ].map((name) => [name, { reason: packageHeaderZod, ceilingKiB: 540 }]),
  ),
  SoapErzService: { reason: packageHeaderZod, ceilingKiB: 580 },
  SoapHospitalizationService: { reason: packageHeaderZod, ceilingKiB: 630 },
  ImportConsumer: { reason: packageHeaderZod, ceilingKiB: 680 },
};

const kib = (bundle: FunctionBundle) => Math.round(bundle.bytes / 1024);

let dir: string;
let bundles: FunctionBundle[];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'omslink-bundles-'));
  bundles = await buildFunctionBundles(dir);
}, 120_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('function bundles (built as OmsFunction builds them)', () => {
  it(`keeps every function within ${bundleBudgetKiB} KiB`, () => {
    // Assess
    expect(bundles.map((b) => b.spec.name)).toEqual(allFunctions.map((f) => f.name));
    const over = bundles
      .filter((b) => kib(b) > bundleBudgetKiB && !overBudget[b.spec.name])
      .map((b) => `${b.spec.name}: ${kib(b)} KiB (${b.parts.slice(0, 3).map((p) => p.name)})`);
    expect(over).toEqual([]);
  });

  it('holds the bundles known to be over the budget to their ceilings', () => {
    // Assess
    for (const [name, { ceilingKiB }] of Object.entries(overBudget)) {
      const bundle = bundles.find((b) => b.spec.name === name);
      expect(bundle, `${name} is no function of the manifest`).toBeDefined();
      expect(kib(bundle!), `${name} grew past its ceiling`).toBeLessThanOrEqual(ceilingKiB);
    }
  });

  it('bundles no AWS SDK client, and zod’s locales nowhere', () => {
    // Assess: AWS calls are signed requests of the adapters (shared/platform/aws/); zod's locales come only with
    // `import { z } from 'zod'` (use `import * as z from 'zod'`).
    const withSdk = bundles.filter((b) => b.parts.some((p) => p.name.startsWith('@aws-sdk/')));
    expect(withSdk.map((b) => b.spec.name)).toEqual([]);
    const zodLocales = bundles
      .filter((b) => b.inputs.some((file) => /zod\/v4\/locales\/(?!en\.js)/.test(file)))
      .map((b) => b.spec.name);
    expect(zodLocales.filter((name) => !overBudget[name])).toEqual([]);
  });
});
