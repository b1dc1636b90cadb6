import type { RestFunction } from '../platform/functions';

const route = (name: string, method: RestFunction['method'], path: string, file: string): RestFunction => ({
  kind: 'rest',
  name,
  entry: `functions/rest/registry/onco/${file}.ts`,
  method,
  path,
  auth: 'user',
});

/**
 * The oncology register's REST routes (docs/design/onco-register.md); the area's registration (index.ts)
 * spreads them into its `rest`. Reads need `onco.read`, saving and deleting lists `onco.lists.save`
 * (permissions.ts); row-level security scopes every read.
 */
export const oncoRoutes: readonly RestFunction[] = [
  route('OncoPersonsList', 'GET', '/api/v1/onco/persons', 'list-persons'),
  route('OncoPersonsSearch', 'POST', '/api/v1/onco/persons/search', 'search-persons'),
  route('OncoPersonsExport', 'POST', '/api/v1/onco/persons/export', 'export-persons'),
  route('OncoPersonTimeline', 'GET', '/api/v1/onco/persons/{personId}', 'get-person'),
  route('OncoPersonServices', 'GET', '/api/v1/onco/persons/{personId}/services', 'list-services'),
  route('OncoListsList', 'GET', '/api/v1/onco/lists', 'list-lists'),
  route('OncoListsSave', 'POST', '/api/v1/onco/lists', 'save-list'),
  route('OncoListsDelete', 'DELETE', '/api/v1/onco/lists/{id}', 'delete-list'),
];
