import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from '../../infra/constructs/project-paths';
import { addNagChecks } from '../../infra/stacks/nag-checks';
import { buildTestApp, omsFunctionsOf, type TestApp } from './omslink-app';

// The full synth `cdk synth` performs: every function bundled by esbuild, a web build to deploy, and the cdk-nag
// AWS Solutions pack registered as in infra/app.ts. A finding that is neither fixed nor acknowledged makes
// app.synth() throw in beforeAll, with the report in the message.
let built: TestApp;
let assembly: CloudAssembly;

beforeAll(() => {
  built = buildTestApp({ bundle: true, withWebBuild: true });
  addNagChecks(built.app);
  assembly = built.app.synth();
});

afterAll(() => built.cleanup());

/** Every stack of the app, nested stacks included. */
function allStacks(): Stack[] {
  return built.app.node.findAll().filter((construct): construct is Stack => Stack.isStack(construct));
}

interface Acknowledgement {
  readonly path: string;
  readonly id: string;
  readonly reason: string;
}

/** Every cdk-nag acknowledgement recorded by `Validations.of(construct).acknowledge` (CDK records its own too). */
function nagAcknowledgements(): Acknowledgement[] {
  return built.app.node.findAll().flatMap((construct: IConstruct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>))
      .filter(([id]) => id.includes('AwsSolutions-'))
      .map(([id, reason]) => ({ path: construct.node.path, id, reason })),
  );
}

describe('cdk-nag AWS Solutions pack', () => {
  it('reports no finding that is neither fixed nor acknowledged', () => {
    const report = new AwsSolutionsChecks().validateScope(built.app);
    const findings = report.violations.flatMap((violation) =>
      violation.violatingResources.map((resource) => `${violation.ruleName} at ${resource.constructPath}`),
    );
    expect(findings).toEqual([]);
  });

  it('acknowledges every finding with a concrete reason', () => {
    const acknowledgements = nagAcknowledgements();
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const { path, id, reason } of acknowledgements) {
      expect(reason.length, `${id} at ${path}`).toBeGreaterThan(40);
    }
  });

  it('acknowledges deferred rotation (SMG4) on exactly the two database secrets, saying what rotation needs', () => {
    const smg4 = nagAcknowledgements().filter(({ id }) => id.endsWith('AwsSolutions-SMG4'));
    expect(smg4.map(({ path }) => path).sort()).toEqual([
      'Omslink-Data/AppSecret',
      'Omslink-Data/Cluster/Secret',
    ]);
    for (const { reason } of smg4) expect(reason).toMatch(/once per cold start.*Then: /s);
  });

  it('acknowledges nothing at app or stack level (nested stacks included)', () => {
    const broadPaths = new Set(['', ...allStacks().map((stack) => stack.node.path)]);
    const broad = nagAcknowledgements().filter(({ path }) => broadPaths.has(path));
    expect(broad).toEqual([]);
  });

  it('leaves no error annotation in any stack', () => {
    // A nested stack has no artifact of its own: its annotations are reported in its parent's.
    for (const stack of Object.values(built.stacks)) {
      expect(Annotations.fromStack(stack).findError('*', Match.anyValue()), stack.stackName).toEqual([]);
    }
  });
});

describe('bundles', () => {
  /** The staged asset directory of a function, from the template's asset metadata. */
  function assetDirOf(stackKey: keyof TestApp['stacks'], functionName: string): string {
    const stack = built.stacks[stackKey];
    const fn = omsFunctionsOf(stack).get(functionName);
    const resource = fn?.template.toJSON().Resources[fn.logicalId] as {
      Metadata?: Record<string, string>;
    };
    const assetPath = resource?.Metadata?.['aws:asset:path'];
    if (!assetPath) throw new Error(`no asset metadata for ${functionName}`);
    return join(assembly.directory, assetPath);
  }

  it('builds minified ESM with a source map and a require shim', () => {
    const dir = assetDirOf('api', 'Health');
    const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
    expect(code.startsWith("import { createRequire as __cr } from 'module';")).toBe(true);
    expect(existsSync(join(dir, 'index.mjs.map'))).toBe(true);
  });

  it('ships the SQL migrations next to the migrate bundle', () => {
    const dir = assetDirOf('data', 'Migrate');
    const shipped = join(dir, 'migrations');
    expect(existsSync(join(dir, 'index.mjs'))).toBe(true);
    const expected = readdirSync(join(repositoryRoot, 'shared', 'platform', 'db', 'migrations')).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(readdirSync(shipped).sort()).toEqual(expected);
  });

  it('deploys the web build when one exists', () => {
    expect(built.stacks.web.deploysWebBuild).toBe(true);
    Template.fromStack(built.stacks.web).resourceCountIs('Custom::CDKBucketDeployment', 1);
  });
});
