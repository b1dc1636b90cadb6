import { beforeAll, describe, expect, it } from 'vitest';
import { type RestFunction, restFunctions, type SoapFunction, soapFunctions } from '../../functions/manifest';
import { anchorOf, routeGroupsOf } from '../../infra/stacks/api-route-groups';
import { apiStageName } from '../../infra/stacks/api-stack';
import {
  apiMethodsOf,
  functionKey,
  omsFunctionsOf,
  resourcesOfType,
  type SynthesizedApp,
  synthesizedApp,
} from './omslink-app';

/** CloudFormation's hard limits per template (resources 500, outputs 200, parameters 200) and our margin. */
const maxResources = 450;
const maxOutputs = 200;
const maxParameters = 200;

// test-apps.ts: `manifest` has the routes of functions/manifest.ts; `grown` adds three test-only areas as full
// as a route group may be (~120 routes).
let current: SynthesizedApp;
let grown: SynthesizedApp;

beforeAll(() => {
  current = synthesizedApp('manifest');
  grown = synthesizedApp('grown');
});

interface TemplateSize {
  readonly path: string;
  readonly resources: number;
  readonly outputs: number;
  readonly parameters: number;
}

/** Every synthesized template of an app (top-level and nested stacks) with its size. */
function templateSizes(built: SynthesizedApp): TemplateSize[] {
  return built.allStacks.map((stack) => {
    const json = stack.template.toJSON() as Record<string, Record<string, unknown> | undefined>;
    const count = (section: string) => Object.keys(json[section] ?? {}).length;
    return {
      path: stack.path,
      resources: count('Resources'),
      outputs: count('Outputs'),
      parameters: count('Parameters'),
    };
  });
}

function expectWithinLimits(sizes: TemplateSize[]): void {
  for (const size of sizes) {
    expect(size.resources, `${size.path} resources`).toBeLessThan(maxResources);
    expect(size.outputs, `${size.path} outputs`).toBeLessThanOrEqual(maxOutputs);
    expect(size.parameters, `${size.path} parameters`).toBeLessThanOrEqual(maxParameters);
  }
}

describe('API stack size: CloudFormation allows 500 resources per stack', () => {
  it(`keeps every template, parent and nested, under ${maxResources} resources (and within output/parameter limits)`, () => {
    const sizes = templateSizes(current);
    expect(sizes.some((size) => size.path.startsWith('Omslink-Api/'))).toBe(true);
    expectWithinLimits(sizes);
  });

  it('builds no function, method or route resource in the parent: it does not grow with the routes', () => {
    const parent = current.stacks.api.template;
    for (const type of ['AWS::Lambda::Function', 'AWS::ApiGateway::Method', 'AWS::Lambda::Permission']) {
      expect(Object.keys(resourcesOfType(parent, type)), type).toEqual([]);
    }
    const paths = Object.values(resourcesOfType(parent, 'AWS::ApiGateway::Resource')).map(
      (r) => r.Properties?.PathPart,
    );
    expect(paths.sort()).toEqual(['api', 'v1']);
  });

  it('stays within the limits with ~120 more routes in three more areas, the parent growing by one resource per area', () => {
    const before = templateSizes(current);
    const after = templateSizes(grown);
    expectWithinLimits(after);
    const parentOf = (sizes: TemplateSize[]) => sizes.find((size) => size.path === 'Omslink-Api');
    expect(parentOf(after)?.resources).toBe((parentOf(before)?.resources ?? 0) + 3);
    // Existing route groups are untouched: same nested stacks, same sizes.
    for (const size of before.filter((s) => s.path.startsWith('Omslink-Api/'))) {
      expect(
        after.find((s) => s.path === size.path),
        size.path,
      ).toEqual(size);
    }
  });
});

describe('API route stacks', () => {
  it('builds every manifest function in the route stack of its anchor, with its methods beside it', () => {
    const functions = omsFunctionsOf(current.stacks.api);
    const methods = new Map(apiMethodsOf(current.stacks.api).map((method) => [method.key, method]));
    const expected = [
      ...restFunctions.map((spec) => ({ spec, path: spec.path, verbs: [spec.method] })),
      ...soapFunctions.map((spec) => ({ spec, path: `/soap/${spec.service}`, verbs: ['GET', 'POST'] })),
    ];
    for (const { spec, path, verbs } of expected) {
      const { anchorParentPath, anchorPart } = anchorOf(path);
      const stackPath = `Omslink-Api/${anchorParentPath === '/' ? 'Root' : 'Area'}-${anchorPart}`;
      const fn = functions.get(spec.name);
      expect(fn?.stackPath, spec.name).toBe(stackPath);
      for (const verb of verbs) {
        const method = methods.get(`${verb} ${path}`);
        expect(method?.stackPath, `${verb} ${path}`).toBe(stackPath);
        expect(method?.target, `${verb} ${path}`).toBe(functionKey(fn));
      }
    }
  });

  it('lets API Gateway invoke each function only from its own methods on the deployed stage', () => {
    const functions = omsFunctionsOf(current.stacks.api);
    const api = current.stacks.api.template;
    const [restApiId] = Object.keys(resourcesOfType(api, 'AWS::ApiGateway::RestApi'));
    const specs: { spec: RestFunction | SoapFunction; arns: string[] }[] = [
      ...restFunctions.map((spec) => ({
        spec,
        arns: [`/${apiStageName}/${spec.method}${spec.path.replace(/\{[^}]*\}/g, '*')}`],
      })),
      ...soapFunctions.map((spec) => ({
        spec,
        arns: ['GET', 'POST'].map((verb) => `/${apiStageName}/${verb}/soap/${spec.service}`),
      })),
    ];
    for (const { spec, arns } of specs) {
      const fn = functions.get(spec.name);
      if (!fn) throw new Error(`no function ${spec.name}`);
      const permissions = Object.values(resourcesOfType(fn.template, 'AWS::Lambda::Permission'))
        .map((r) => r.Properties ?? {})
        .filter(
          (p) => JSON.stringify(p.FunctionName) === JSON.stringify({ 'Fn::GetAtt': [fn.logicalId, 'Arn'] }),
        );
      expect(
        permissions.map((p) => p.Principal),
        spec.name,
      ).toEqual(arns.map(() => 'apigateway.amazonaws.com'));
      const sourceArns = permissions.map((p) => JSON.stringify(p.SourceArn)).sort();
      for (const [i, arn] of [...arns].sort().entries()) {
        expect(sourceArns[i], spec.name).toContain(`{"Ref":"${restApiId}"},"${arn}"`);
      }
    }
  });

  it('deploys the stage only after every route stack, and re-deploys when a route changes', () => {
    const deploymentOf = (built: SynthesizedApp) => {
      const api = built.stacks.api.template;
      const entries = Object.entries(resourcesOfType(api, 'AWS::ApiGateway::Deployment'));
      expect(entries).toHaveLength(1);
      const [logicalId, resource] = entries[0]!;
      return { logicalId, dependsOn: (resource as { DependsOn?: string[] }).DependsOn ?? [] };
    };
    const deployment = deploymentOf(current);
    for (const routes of current.routeStacks) {
      const nested = current.allStacks.find((stack) => stack.path === routes.path);
      expect(nested?.parent?.stack, routes.path).toBe(current.stacks.api);
      expect(deployment.dependsOn, routes.path).toContain(nested?.parent?.resourceId);
    }
    expect(current.routeStacks.length).toBeGreaterThan(1);
    // The deployment's logical id hashes the methods of every route stack: a new route means a new deployment.
    expect(deploymentOf(grown).logicalId).not.toBe(deployment.logicalId);
    const stage = Object.values(resourcesOfType(current.stacks.api.template, 'AWS::ApiGateway::Stage'));
    expect(stage.map((s) => s.Properties?.DeploymentId)).toEqual([{ Ref: deployment.logicalId }]);
  });

  it('targets each method at its own function in the same nested stack', () => {
    const functions = new Set([...omsFunctionsOf(current.stacks.api).values()].map(functionKey));
    for (const routes of current.routeStacks) {
      for (const method of routes.methods) expect(method.startsWith(`${routes.path}/`)).toBe(true);
      for (const fn of routes.functions) expect(fn.startsWith(`${routes.path}/`)).toBe(true);
    }
    expect(functions.size).toBe(restFunctions.length + soapFunctions.length);
  });
});

describe('route groups (infra/stacks/api-route-groups.ts)', () => {
  const route = (path: string, name = `R${path.replace(/\W/g, '')}`): RestFunction => ({
    kind: 'rest',
    name,
    entry: 'functions/rest/health.ts',
    method: 'GET',
    path,
    auth: 'user',
  });
  const soap: SoapFunction = {
    kind: 'soap',
    name: 'S',
    entry: 'functions/soap/nsi/nsi-service.ts',
    service: 'S',
  };

  it('groups by anchor: the area under /api/v1, /soap for SOAP services, other top-level segments', () => {
    const groups = routeGroupsOf(
      [route('/health'), route('/api/v1/persons/{id}'), route('/api/v1/persons'), route('/api/v1/free-beds')],
      [soap],
    );
    expect(groups.map((g) => [g.id, g.anchorPath, g.rest.length + g.soap.length])).toEqual([
      ['Area-free-beds', '/api/v1/free-beds', 1],
      ['Area-persons', '/api/v1/persons', 2],
      ['Root-health', '/health', 1],
      ['Root-soap', '/soap', 1],
    ]);
  });

  it('depends only on the paths, not on the order of the manifest', () => {
    const routes = restFunctions.slice();
    const ids = (list: RestFunction[]) => routeGroupsOf(list, soapFunctions).map((g) => g.id);
    expect(ids(routes.reverse())).toEqual(ids(restFunctions));
  });

  it('refuses paths that would put a route on a shared resource, and groups over the limit', () => {
    for (const path of ['/api', '/api/v1']) {
      expect(() => routeGroupsOf([route(path)], []), path).toThrow(/must lie below \/api\/v1\/<area>/);
    }
    expect(() => routeGroupsOf([route('/api/v1/')], [])).toThrow(/without empty segments/);
    expect(routeGroupsOf([route('/api/v2/x')], []).map((g) => [g.id, g.anchorParentPath])).toEqual([
      ['Root-api-v2', '/api'],
    ]);
    expect(() => routeGroupsOf([route('/api/v1/x/a'), route('/api/v1/x/b')], [], 1)).toThrow(
      /\/api\/v1\/x has 2 functions/,
    );
  });
});
