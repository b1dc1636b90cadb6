import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allFunctions } from '../../functions/manifest';
import { buildFunctionBundles, bundleBudgetKiB, type FunctionBundle } from '../helpers/function-bundles';

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
      .filter((b) => kib(b) > bundleBudgetKiB)
      .map((b) => `${b.spec.name}: ${kib(b)} KiB (${b.parts.slice(0, 3).map((p) => p.name)})`);
    expect(over).toEqual([]);
  });

  it('bundles no AWS SDK client, and zod’s locales nowhere', () => {
    // Assess: AWS calls are signed requests of the adapters (shared/platform/aws/); zod's locales come only with
    // `import { z } from 'zod'` (use `import * as z from 'zod'`).
    const withSdk = bundles.filter((b) => b.parts.some((p) => p.name.startsWith('@aws-sdk/')));
    expect(withSdk.map((b) => b.spec.name)).toEqual([]);
    // (Its locales/index.js may come as an empty module, 17 bytes: a job loaded with `await import()` wraps its
    // dependencies for lazy evaluation, and esbuild keeps the index's shell but none of the locales it lists.)
    const zodLocales = bundles
      .filter((b) => b.inputs.some((file) => /zod\/v4\/locales\/(?!en\.js|index\.js)/.test(file)))
      .map((b) => b.spec.name);
    expect(zodLocales).toEqual([]);
  });
});
