import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type CfnElement, NestedStack, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import {
  type FunctionSpec,
  opsFunctions,
  queueFunctions,
  restFunctions,
  soapFunctions,
} from '../../functions/manifest';
import { OmsFunction } from '../../infra/constructs/oms-function';
import { repositoryRoot } from '../../infra/constructs/project-paths';
import { addNagChecks } from '../../infra/stacks/nag-checks';
import { createOmslinkStacks, type OmslinkStacks, stackNames } from '../../infra/stacks/omslink-stacks';
import { type TestAppName, type TestAppSpec, testApps } from './test-apps';

// Runs in the global setup of the infra project (the main vitest process), never in a test file: test files read
// the cloud assemblies written here, and the facts below, through omslink-app.ts.

/** A stack of a synthesized app, nested stacks included. */
export interface StackFacts {
  /** Construct path, e.g. `Omslink-Api` or `Omslink-Api/Area-persons`. */
  readonly path: string;
  readonly stackName: string;
  /** The template, relative to the assembly directory. */
  readonly templateFile: string;
  /** For a nested stack: its parent's path and the logical id of its AWS::CloudFormation::Stack there. */
  readonly parent?: { readonly path: string; readonly resourceId: string };
}

/** A nested stack of the API (`ApiStack.routeStacks`) and the constructs it says it holds. */
export interface RouteStackFacts {
  readonly path: string;
  /** Construct paths of its API Gateway methods. */
  readonly methods: readonly string[];
  /** Construct paths of its functions. */
  readonly functions: readonly string[];
}

/** A cdk-nag acknowledgement, recorded by `Validations.of(construct).acknowledge` (CDK records its own too). */
export interface Acknowledgement {
  readonly path: string;
  readonly id: string;
  readonly reason: string;
}

/** One synthesized test app: where its cloud assembly is, and what only the construct tree can tell. */
export interface TestAppFacts {
  readonly name: TestAppName;
  /** The cloud assembly (cdk.out) of the app. */
  readonly directory: string;
  /** Construct paths of the top-level stacks, by their key in `OmslinkStacks`. */
  readonly stackPaths: Record<keyof OmslinkStacks, string>;
  /** Every stack, nested ones included, in construct order (depth first). */
  readonly stacks: readonly StackFacts[];
  readonly routeStacks: readonly RouteStackFacts[];
  /** `WebStack.deploysWebBuild`. */
  readonly deploysWebBuild: boolean;
  /** Every acknowledgement of an AWS Solutions rule, anywhere in the construct tree (the app included). */
  readonly acknowledgements: readonly Acknowledgement[];
  /** With `nagChecks`: what the AWS Solutions pack reports on the app (findings neither fixed nor acknowledged). */
  readonly nagFindings?: readonly string[];
  /** The message `app.synth()` failed with (a validation plugin's report), if it did. */
  readonly synthError?: string;
}

/** A test app whose build or synth threw (other than on a validation plugin's findings). */
export interface TestAppFailure {
  readonly name: TestAppName;
  readonly failure: string;
}

/** The feature flags and context of cdk.json: a test App must synthesize what `cdk synth` synthesizes. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(repositoryRoot, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

/** The top-level stack `stack` is (or is nested in): CDK decides on bundling for it and its nested stacks. */
function topLevelStackOf(stack: Stack): Stack {
  let top = stack;
  while (top.nestedStackParent) top = top.nestedStackParent;
  return top;
}

/**
 * The top-level stacks (their paths, the patterns of `aws:cdk:bundling-stacks`) that hold the functions `names`.
 * CDK bundles per top-level stack: a nested stack bundles when its parent does. `createOmslinkStacks` puts REST
 * and SOAP functions in the API stack's route stacks, queue consumers in the import stack and ops functions in
 * the data stack; `checkBundled` verifies it on the built app.
 */
function bundlingStacksOf(names: readonly string[]): string[] {
  const specs: FunctionSpec[] = [...restFunctions, ...soapFunctions, ...queueFunctions, ...opsFunctions];
  const stackOf = (spec: FunctionSpec): string => {
    switch (spec.kind) {
      case 'rest':
      case 'soap':
        return stackNames.api;
      case 'queue':
        return stackNames.importing;
      case 'ops':
        return stackNames.data;
    }
  };
  return [
    ...new Set(
      names.map((name) => {
        const spec = specs.find((s) => s.name === name);
        if (!spec) throw new Error(`no function ${name} in functions/manifest.ts`);
        return stackOf(spec);
      }),
    ),
  ];
}

/** Every function listed to be bundled must sit in a stack that is bundled (else its bundle test is void). */
function checkBundled(app: App, names: readonly string[], bundlingStacks: readonly string[]): void {
  const functions = app.node.findAll().filter((c): c is OmsFunction => c instanceof OmsFunction);
  for (const name of names) {
    const fn = functions.find((f) => f.spec.name === name);
    if (!fn) throw new Error(`no OmsFunction ${name} in the app`);
    const holder = topLevelStackOf(Stack.of(fn)).node.path;
    if (!bundlingStacks.includes(holder)) {
      throw new Error(`${name} is built in ${holder}, not in a bundled stack (${bundlingStacks.join(', ')})`);
    }
  }
}

/** A fresh App holding every omslink stack, built like infra/app.ts builds it. */
function buildTestApp(spec: TestAppSpec, outdir: string, webDistDir: string) {
  if (spec.withWebBuild) {
    writeFileSync(join(webDistDir, 'index.html'), '<!doctype html><title>omslink</title>');
  }
  const bundlingStacks = bundlingStacksOf(spec.bundledFunctions);
  const app = new App({
    outdir,
    context: {
      ...cdkJsonContext(),
      'aws:cdk:enable-asset-metadata': true,
      // Stacks not listed are synthesized without running esbuild (the asset points at the sources).
      'aws:cdk:bundling-stacks': bundlingStacks,
    },
  });
  const stacks = createOmslinkStacks(app, { webDistDir, restFunctions: spec.restFunctions });
  checkBundled(app, spec.bundledFunctions, bundlingStacks);
  if (spec.nagChecks) addNagChecks(app);
  return { app, stacks };
}

/** Every acknowledgement of an AWS Solutions rule in the construct tree. */
function nagAcknowledgements(app: App): Acknowledgement[] {
  return app.node.findAll().flatMap((construct: IConstruct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>))
      .filter(([id]) => id.includes('AwsSolutions-'))
      .map(([id, reason]) => ({ path: construct.node.path, id, reason })),
  );
}

/** `<plugin> <rule> at <construct path>: <description>` for each error of the assembly's validation report. */
function validationFailures(directory: string): string[] {
  const file = join(directory, 'validation-report.json');
  if (!existsSync(file)) return [];
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    pluginReports?: {
      pluginName: string;
      violations?: {
        ruleName: string;
        description: string;
        severity?: string;
        violatingConstructs?: { constructPath?: string }[];
      }[];
    }[];
  };
  return (report.pluginReports ?? []).flatMap((plugin) =>
    (plugin.violations ?? [])
      .filter((violation) => violation.severity === undefined || violation.severity === 'error')
      .flatMap((violation) =>
        (violation.violatingConstructs ?? [{}]).map(
          (construct) =>
            `${plugin.pluginName} ${violation.ruleName} at ${construct.constructPath ?? '?'}: ${violation.description}`,
        ),
      ),
  );
}

function stackFacts(stack: Stack): StackFacts {
  const parent = NestedStack.isNestedStack(stack) ? stack.nestedStackParent : undefined;
  return {
    path: stack.node.path,
    stackName: stack.stackName,
    templateFile: stack.templateFile,
    ...(parent && NestedStack.isNestedStack(stack)
      ? {
          parent: {
            path: parent.node.path,
            resourceId: parent.getLogicalId(stack.nestedStackResource as CfnElement),
          },
        }
      : {}),
  };
}

/**
 * Builds the test app `name` and synthesizes it into `directory` (created). A synth that fails on a validation
 * plugin (cdk-nag) has still written the assembly: the error is recorded for the test that reports it.
 */
export function synthesizeTestApp(name: TestAppName, directory: string): TestAppFacts {
  const spec: TestAppSpec = testApps[name];
  mkdirSync(directory, { recursive: true });
  const webDistDir = mkdtempSync(join(tmpdir(), 'omslink-web-dist-'));
  try {
    const { app, stacks } = buildTestApp(spec, directory, webDistDir);
    let synthError: string | undefined;
    try {
      app.synth();
    } catch (error) {
      if (!existsSync(join(directory, 'manifest.json'))) throw error;
      synthError = [
        error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        ...validationFailures(directory),
      ].join('\n');
    }
    const nagFindings = spec.nagChecks
      ? new AwsSolutionsChecks()
          .validateScope(app)
          .violations.flatMap((violation) =>
            violation.violatingResources.map(
              (resource) => `${violation.ruleName} at ${resource.constructPath}`,
            ),
          )
      : undefined;
    return {
      name,
      directory,
      stackPaths: Object.fromEntries(
        Object.entries(stacks).map(([key, stack]) => [key, stack.node.path]),
      ) as Record<keyof OmslinkStacks, string>,
      stacks: app.node
        .findAll()
        .filter((c): c is Stack => Stack.isStack(c))
        .map(stackFacts),
      routeStacks: stacks.api.routeStacks.map((routes) => ({
        path: routes.node.path,
        methods: routes.methods.map((method) => method.node.path),
        functions: routes.functions.map((fn) => fn.node.path),
      })),
      deploysWebBuild: stacks.web.deploysWebBuild,
      acknowledgements: nagAcknowledgements(app),
      ...(nagFindings ? { nagFindings } : {}),
      ...(synthError ? { synthError } : {}),
    };
  } finally {
    rmSync(webDistDir, { recursive: true, force: true });
  }
}
