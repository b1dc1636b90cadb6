import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { allFunctions } from '../../functions/manifest';
import { bundleFileName, functionBuildOptions } from '../../infra/constructs/function-bundle-options';
import { repositoryRoot } from '../../infra/constructs/project-paths';
import { omsFunctionsOf, type SynthesizedApp, synthesizedApp } from './omslink-app';
import { bundleChecks } from './test-apps';

// The full synth `cdk synth` performs (test-apps.ts `deployed`): a web build to deploy and the cdk-nag AWS
// Solutions pack registered as in infra/app.ts, which makes app.synth() fail on a finding that is neither fixed
// nor acknowledged (the report is kept as `synthError`). esbuild runs only for the stacks of the bundles checked
// below (test-apps.ts `bundleChecks`); every other function's asset points at the sources.
let built: SynthesizedApp;

beforeAll(() => {
  built = synthesizedApp('deployed');
});

describe('cdk-nag AWS Solutions pack', () => {
  it('synthesizes with the pack registered, as `cdk synth` does', () => {
    expect(built.synthError).toBeUndefined();
  });

  it('reports no finding that is neither fixed nor acknowledged', () => {
    expect(built.nagFindings).toEqual([]);
  });

  it('acknowledges every finding with a concrete reason', () => {
    const acknowledgements = built.acknowledgements;
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const { path, id, reason } of acknowledgements) {
      expect(reason.length, `${id} at ${path}`).toBeGreaterThan(40);
    }
  });

  it('acknowledges deferred rotation (SMG4) on exactly the two database secrets, saying what rotation needs', () => {
    const smg4 = built.acknowledgements.filter(({ id }) => id.endsWith('AwsSolutions-SMG4'));
    expect(smg4.map(({ path }) => path).sort()).toEqual([
      'Omslink-Data/AppSecret',
      'Omslink-Data/Cluster/Secret',
    ]);
    for (const { reason } of smg4) expect(reason).toMatch(/once per cold start.*Then: /s);
  });

  it('acknowledges nothing at app or stack level (nested stacks included)', () => {
    const broadPaths = new Set(['', ...built.allStacks.map((stack) => stack.path)]);
    expect(broadPaths.size).toBeGreaterThan(Object.keys(built.stacks).length + 1);
    const broad = built.acknowledgements.filter(({ path }) => broadPaths.has(path));
    expect(broad).toEqual([]);
  });

  it('leaves no error annotation in any stack', () => {
    // A nested stack has no artifact of its own: its annotations are reported in its parent's.
    for (const stack of Object.values(built.stacks)) {
      expect(built.errorAnnotations(stack), stack.stackName).toEqual([]);
    }
  });
});

describe('bundles', () => {
  /** The staged asset directory of a function, from the template's asset metadata. */
  function assetDirOf(stackKey: keyof SynthesizedApp['stacks'], functionName: string): string {
    const fn = omsFunctionsOf(built.stacks[stackKey]).get(functionName);
    const resource = fn?.template.toJSON().Resources[fn.logicalId] as {
      Metadata?: Record<string, string>;
    };
    const assetPath = resource?.Metadata?.['aws:asset:path'];
    if (!assetPath) throw new Error(`no asset metadata for ${functionName}`);
    return join(built.directory, assetPath);
  }

  it('builds minified ESM with a source map and a require shim', () => {
    const bundles: [keyof SynthesizedApp['stacks'], string][] = [
      ['importing', bundleChecks.plain],
      ['data', bundleChecks.migrate],
    ];
    for (const [stackKey, functionName] of bundles) {
      const dir = assetDirOf(stackKey, functionName);
      const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
      expect(code.startsWith("import { createRequire as __cr } from 'module';"), functionName).toBe(true);
      expect(existsSync(join(dir, 'index.mjs.map')), functionName).toBe(true);
    }
  });

  it('writes byte for byte the bundle the size test and the bench build (function-bundle-options.ts)', async () => {
    // Prepare: `migrate`, whose sources other work rarely touches while the suite runs
    const spec = allFunctions.find((f) => f.name === bundleChecks.migrate)!;
    const out = await mkdtemp(join(tmpdir(), 'omslink-bundle-'));
    try {
      // Act
      await build({
        ...functionBuildOptions(join(repositoryRoot, spec.entry), out),
        absWorkingDir: repositoryRoot,
      });

      // Assess
      const cdk = readFileSync(join(assetDirOf('data', spec.name), bundleFileName));
      expect(readFileSync(join(out, bundleFileName)).equals(cdk)).toBe(true);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('keeps Russian text as UTF-8 (aws-cdk-lib drops `charset`; OmsFunction passes it to esbuild itself)', () => {
    const code = readFileSync(join(assetDirOf('importing', bundleChecks.plain), bundleFileName), 'utf8');
    expect(code).toMatch(/[а-яё]/);
    expect(code).not.toMatch(/\\u04[0-5][0-9A-F]/);
  });

  it('ships the SQL migrations next to the migrate bundle', () => {
    const dir = assetDirOf('data', bundleChecks.migrate);
    const shipped = join(dir, 'migrations');
    expect(existsSync(join(dir, 'index.mjs'))).toBe(true);
    const expected = readdirSync(join(repositoryRoot, 'shared', 'platform', 'db', 'migrations')).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(readdirSync(shipped).sort()).toEqual(expected);
  });

  it('deploys the web build when one exists', () => {
    expect(built.deploysWebBuild).toBe(true);
    built.stacks.web.template.resourceCountIs('Custom::CDKBucketDeployment', 1);
  });
});
