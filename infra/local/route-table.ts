import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Handler } from 'aws-lambda';
import { type RestFunction, restFunctions, soapFunctions } from '../../functions/manifest';
import { projectRoot } from './paths';

export interface MatchedRoute {
  name: string;
  entry: string;
  resource: string;
  auth: 'public' | 'user';
  pathParameters: Record<string, string> | null;
}

function compile(route: RestFunction) {
  const names: string[] = [];
  const pattern = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { route, names, regex: new RegExp(`^${pattern}$`) };
}

/**
 * API Gateway prefers a literal path part to a `{param}` one whatever the order of definition: routes with more
 * literal parts earlier come first, so areas may list their routes in any order.
 */
function specificity(path: string): string {
  return path
    .split('/')
    .map((part) => (part.startsWith('{') ? '1' : '0'))
    .join('');
}

const compiled = [...restFunctions]
  .sort((a, b) => specificity(a.path).localeCompare(specificity(b.path)))
  .map(compile);

/** Finds the manifest route for a request, exactly as API Gateway would (method + resource template). */
export function matchRoute(method: string, pathname: string): MatchedRoute | 'method-not-allowed' | null {
  let pathMatched = false;
  for (const { route, names, regex } of compiled) {
    const m = regex.exec(pathname);
    if (!m) continue;
    pathMatched = true;
    if (route.method !== method) continue;
    const params = Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
    return {
      name: route.name,
      entry: route.entry,
      resource: route.path,
      auth: route.auth,
      pathParameters: names.length ? params : null,
    };
  }
  const soap = /^\/soap\/([A-Za-z]+)$/.exec(pathname);
  const service = soap && soapFunctions.find((s) => s.service === soap[1]);
  if (service && (method === 'GET' || method === 'POST')) {
    return {
      name: service.name,
      entry: service.entry,
      resource: '/soap/{service}',
      auth: 'public',
      pathParameters: { service: service.service },
    };
  }
  return pathMatched ? 'method-not-allowed' : null;
}

const loaded = new Map<string, Promise<Handler>>();

/** Imports a handler module once (like a warm Lambda container) and returns its `handler` export. */
export function loadHandler(entry: string): Promise<Handler> {
  let handler = loaded.get(entry);
  if (!handler) {
    handler = import(pathToFileURL(path.join(projectRoot, entry)).href).then(
      (m: { handler: Handler }) => m.handler,
    );
    loaded.set(entry, handler);
  }
  return handler;
}
