import type { RestFunction, SoapFunction } from '../../functions/manifest';

/**
 * Resources the parent API stack owns because every area hangs below them. Everything below one of these
 * prefixes belongs to exactly one route group (one nested stack): API Gateway refuses two resources with the same
 * path part under one parent, so a resource must never be defined in two stacks.
 */
export const sharedApiPrefixes = ['/api', '/api/v1'] as const;

/**
 * How many functions one route group may hold. At ~7.3 CloudFormation resources per route (function, role,
 * policy, log group, method, permission, path resource) this keeps a nested stack near 300 resources, well below
 * the hard limit of 500 per stack, with room for a resource more per function.
 */
export const maxFunctionsPerRouteGroup = 40;

/** One API Gateway method of a group: a REST route, or the GET (`?wsdl`) / POST of a SOAP service. */
export interface GroupedMethod {
  readonly httpMethod: string;
  /** Full resource path, e.g. `/api/v1/persons/{id}` or `/soap/ErzService`. */
  readonly path: string;
}

/** The functions (and their methods) that go into one nested stack. */
export interface RouteGroup {
  /**
   * The resource the group owns, with its whole subtree: `/api/v1/<area>` for a REST area, `/<segment>` for
   * anything else at the top level (`/soap` for every SOAP service, `/health`).
   */
  readonly anchorPath: string;
  /** Where the anchor hangs: a shared prefix (a resource of the parent stack) or `/` (the API root). */
  readonly anchorParentPath: string;
  /** The anchor's path part (`persons`, `soap`, `health`). */
  readonly anchorPart: string;
  /** Construct id of the nested stack: stable as long as the anchor is. */
  readonly id: string;
  readonly rest: readonly RestFunction[];
  readonly soap: readonly SoapFunction[];
}

/** The methods a SOAP service is served by: GET answers `?wsdl`, POST takes the envelopes. */
export function soapMethodsOf(spec: SoapFunction): GroupedMethod[] {
  return ['GET', 'POST'].map((httpMethod) => ({ httpMethod, path: soapPathOf(spec) }));
}

export function soapPathOf(spec: SoapFunction): string {
  return `/soap/${spec.service}`;
}

/**
 * The anchor of a path: the first resource below the deepest shared prefix it lies under
 * (`/api/v1/persons/{id}/history` → `/api/v1/persons`; `/soap/ErzService` → `/soap`; `/health` → `/health`).
 * A path on a shared prefix itself, or whose anchor would be an ancestor of a shared prefix, has none.
 */
export function anchorOf(path: string): { anchorParentPath: string; anchorPart: string } {
  const parts = path.split('/').slice(1);
  if (!path.startsWith('/') || parts.some((part) => part === '')) {
    throw new Error(`API path ${JSON.stringify(path)} must be absolute, without empty segments`);
  }
  const below = (prefix: string) => path.startsWith(`${prefix}/`);
  const anchorParentPath = [...sharedApiPrefixes]
    .filter(below)
    .reduce((deepest, prefix) => (prefix.length > deepest.length ? prefix : deepest), '');
  const anchorPart = parts[anchorParentPath.split('/').length - 1]!;
  const anchorPath = `${anchorParentPath}/${anchorPart}`;
  if (sharedApiPrefixes.some((prefix) => prefix === anchorPath || prefix.startsWith(`${anchorPath}/`))) {
    throw new Error(
      `API path ${path} must lie below ${sharedApiPrefixes.at(-1)}/<area>: ${sharedApiPrefixes.join(', ')} are ` +
        'shared by every area and carry no routes of their own',
    );
  }
  return { anchorParentPath: anchorParentPath || '/', anchorPart };
}

/** `Area-<area>` for an anchor below `/api/v1`, `Root-<path>` for any other (`Root-soap`, `Root-health`). */
function groupIdOf(anchorParentPath: string, anchorPart: string): string {
  const anchorPath = `${anchorParentPath === '/' ? '' : anchorParentPath}/${anchorPart}`;
  const areas = `${sharedApiPrefixes[1]}/`;
  return anchorPath.startsWith(areas)
    ? `Area-${anchorPath.slice(areas.length).replace(/\//g, '-')}`
    : `Root-${anchorPath.slice(1).replace(/\//g, '-')}`;
}

/**
 * Splits the manifest's REST routes and SOAP services into route groups, one per anchor (REST area under
 * `/api/v1`, `/soap`, other top-level segments), ordered by anchor path. The grouping depends only on the
 * paths, so adding a route changes exactly one nested stack and never moves a function or resource between
 * stacks (which CloudFormation could not do without deleting and recreating it). A group over
 * `maxFunctionsPerRouteGroup` functions is refused at synth rather than silently regrouped.
 */
export function routeGroupsOf(
  rest: readonly RestFunction[],
  soap: readonly SoapFunction[],
  maxFunctions: number = maxFunctionsPerRouteGroup,
): RouteGroup[] {
  const groups = new Map<
    string,
    { anchorParentPath: string; anchorPart: string; rest: RestFunction[]; soap: SoapFunction[] }
  >();
  const groupOf = (path: string) => {
    const { anchorParentPath, anchorPart } = anchorOf(path);
    const key = `${anchorParentPath === '/' ? '' : anchorParentPath}/${anchorPart}`;
    let group = groups.get(key);
    if (!group) {
      group = { anchorParentPath, anchorPart, rest: [], soap: [] };
      groups.set(key, group);
    }
    return group;
  };
  for (const spec of rest) groupOf(spec.path).rest.push(spec);
  for (const spec of soap) groupOf(soapPathOf(spec)).soap.push(spec);

  const result = [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([anchorPath, group]) => ({
      anchorPath,
      anchorParentPath: group.anchorParentPath,
      anchorPart: group.anchorPart,
      id: groupIdOf(group.anchorParentPath, group.anchorPart),
      rest: group.rest,
      soap: group.soap,
    }));
  const ids = new Set<string>();
  for (const group of result) {
    const size = group.rest.length + group.soap.length;
    if (size > maxFunctions) {
      throw new Error(
        `${group.anchorPath} has ${size} functions, more than the ${maxFunctions} one nested stack of ` +
          'Omslink-Api may hold (CloudFormation allows 500 resources per stack). Split it: add it to ' +
          'sharedApiPrefixes, so that each resource below it anchors a group of its own; its routes then move ' +
          'to new nested stacks, a deployment that needs planning (docs/architecture-notes.md, "API stack size").',
      );
    }
    if (ids.has(group.id)) throw new Error(`two route groups share the stack id ${group.id}`);
    ids.add(group.id);
  }
  return result;
}
