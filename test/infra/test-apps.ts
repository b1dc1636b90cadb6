import { opsFunctions, queueFunctions, type RestFunction, restFunctions } from '../../functions/manifest';
import { maxFunctionsPerRouteGroup } from '../../infra/stacks/api-route-groups';

/**
 * The apps the infra tests assert on. The project's global setup (test/infra/global-setup.ts) synthesizes each
 * once per run into a cloud assembly; test files read them with `synthesizedApp(name)` (omslink-app.ts).
 */
export interface TestAppSpec {
  /**
   * Functions a test opens the bundle of: esbuild runs for the top-level stacks holding them (CDK decides per
   * top-level stack), and is skipped for every other stack, which makes a synth many times faster.
   */
  readonly bundledFunctions: readonly string[];
  /** Give the web stack a build (a temporary dir with index.html) so the BucketDeployment is created. */
  readonly withWebBuild: boolean;
  /** Register the cdk-nag AWS Solutions pack as infra/app.ts does (and report its findings). */
  readonly nagChecks: boolean;
  /** REST routes for the API stack instead of functions/manifest.ts's (test-only entries). */
  readonly restFunctions?: readonly RestFunction[];
}

/** The manifest's own handler module for the test-only routes (only its existence matters: no bundling). */
function existingEntry(): string {
  const entry = restFunctions.find((spec) => spec.name === 'Health')?.entry ?? restFunctions[0]?.entry;
  if (!entry) throw new Error('functions/manifest.ts lists no REST function');
  return entry;
}

/** `count` test-only GET routes in the area `area`. */
function testOnlyArea(area: string, count: number): RestFunction[] {
  return Array.from({ length: count }, (_, i) => ({
    kind: 'rest',
    name: `TestOnly${area.replace(/-/g, '')}${i}`,
    entry: existingEntry(),
    method: 'GET',
    path: `/api/v1/${area}/items${i}/{id}`,
    auth: 'user',
  }));
}

/** Three new areas as full as a route group may be: the manifest plus ~120 routes. */
export const grownManifest: RestFunction[] = [
  ...restFunctions,
  ...['test-only-a', 'test-only-b', 'test-only-c'].flatMap((area) =>
    testOnlyArea(area, maxFunctionsPerRouteGroup),
  ),
];

/**
 * A route that exists only in the tests (cognito-admin.test.ts): the manifest has no account-management route
 * yet, and the grant must be proven before one lands.
 */
export const testOnlyAccountsRoute: RestFunction = {
  kind: 'rest',
  name: 'TestOnlyAccountAdmin',
  entry: existingEntry(),
  method: 'POST',
  path: '/api/v1/test-only/accounts',
  auth: 'user',
  cognitoAdmin: true,
};

function nameOf(spec: { name: string } | undefined, what: string): string {
  if (!spec) throw new Error(`functions/manifest.ts lists no ${what}`);
  return spec.name;
}

/**
 * The functions whose bundles cdk-nag.test.ts opens. CDK skips or runs bundling per top-level stack (a nested
 * stack bundles when its parent does), and the API stack holds every REST and SOAP function: so the bundle
 * checks use the functions the import and data stacks hold on their own — the queue consumer (a plain
 * OmsFunction bundle) and `migrate` (the same bundle, plus the SQL migrations beside it).
 */
export const bundleChecks = {
  plain: nameOf(queueFunctions[0], 'queue function'),
  migrate: nameOf(
    opsFunctions.find((spec) => spec.purpose === 'migrate'),
    'migrate function',
  ),
} as const;

export const testApps = {
  /** What `cdk synth` builds (infra/app.ts): a web build to deploy, cdk-nag registered, bundles (checked ones). */
  deployed: {
    bundledFunctions: Object.values(bundleChecks),
    withWebBuild: true,
    nagChecks: true,
  },
  /** The manifest's routes, no web build. */
  manifest: { bundledFunctions: [], withWebBuild: false, nagChecks: false },
  /** The manifest plus ~120 routes in three more areas (route stacks and template limits). */
  grown: { bundledFunctions: [], withWebBuild: false, nagChecks: false, restFunctions: grownManifest },
  /** The manifest plus a route with the `cognitoAdmin` flag. */
  accountAdmin: {
    bundledFunctions: [],
    withWebBuild: false,
    nagChecks: false,
    restFunctions: [...restFunctions, testOnlyAccountsRoute],
  },
} as const satisfies Record<string, TestAppSpec>;

export type TestAppName = keyof typeof testApps;
