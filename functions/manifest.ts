/**
 * The one list of deployable functions. The CDK app creates a Lambda (and its API Gateway route, SQS event
 * source or custom resource) for each entry; the local runtime dispatches HTTP requests and queue messages to the
 * very same handler modules. Adding a route means adding it here, nowhere else.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** `public`: no token; `user`: a signed-in person (Cognito authorizer in AWS, local issuer locally). */
export type RouteAuth = 'public' | 'user';

export interface RestFunction {
  kind: 'rest';
  /** Stable logical name, also used for the Lambda's construct id. */
  name: string;
  /** Handler module, relative to the project root; it exports `handler`. */
  entry: string;
  method: HttpMethod;
  /** API Gateway resource path, with `{param}` placeholders. */
  path: string;
  auth: RouteAuth;
}

export interface SoapFunction {
  kind: 'soap';
  name: string;
  entry: string;
  /** The service name: served at `/soap/<service>` (POST) and `/soap/<service>?wsdl` (GET). */
  service: string;
}

export interface QueueFunction {
  kind: 'queue';
  name: string;
  entry: string;
  /** Logical queue name (the SQS import queue in AWS, a pg-boss queue locally). */
  queue: 'import';
}

export interface OpsFunction {
  kind: 'ops';
  name: string;
  entry: string;
  /** `migrate` runs on every deployment (custom resource) and at local start-up. */
  purpose: 'migrate';
}

export type FunctionSpec = RestFunction | SoapFunction | QueueFunction | OpsFunction;

export const restFunctions: RestFunction[] = [
  {
    kind: 'rest',
    name: 'Health',
    entry: 'functions/rest/health.ts',
    method: 'GET',
    path: '/health',
    auth: 'public',
  },
  {
    kind: 'rest',
    name: 'AuthLogin',
    entry: 'functions/rest/auth/login.ts',
    method: 'POST',
    path: '/api/v1/auth/login',
    auth: 'public',
  },
  {
    kind: 'rest',
    name: 'AuthLogout',
    entry: 'functions/rest/auth/logout.ts',
    method: 'POST',
    path: '/api/v1/auth/logout',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'Me',
    entry: 'functions/rest/auth/me.ts',
    method: 'GET',
    path: '/api/v1/me',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'NsiListDirectories',
    entry: 'functions/rest/nsi/list-directories.ts',
    method: 'GET',
    path: '/api/v1/nsi/directories',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'NsiListVersions',
    entry: 'functions/rest/nsi/list-versions.ts',
    method: 'GET',
    path: '/api/v1/nsi/directories/{code}/versions',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'NsiListRecords',
    entry: 'functions/rest/nsi/list-records.ts',
    method: 'GET',
    path: '/api/v1/nsi/directories/{code}/records',
    auth: 'user',
  },
  {
    kind: 'rest',
    name: 'RegionSummary',
    entry: 'functions/rest/region/summary.ts',
    method: 'GET',
    path: '/api/v1/region/summary',
    auth: 'user',
  },
];

export const soapFunctions: SoapFunction[] = [
  { kind: 'soap', name: 'SoapNsiService', entry: 'functions/soap/nsi-service.ts', service: 'NsiService' },
];

export const queueFunctions: QueueFunction[] = [
  { kind: 'queue', name: 'ImportConsumer', entry: 'functions/queue/import-consumer.ts', queue: 'import' },
];

export const opsFunctions: OpsFunction[] = [
  { kind: 'ops', name: 'Migrate', entry: 'functions/ops/migrate.ts', purpose: 'migrate' },
];

export const allFunctions: FunctionSpec[] = [
  ...restFunctions,
  ...soapFunctions,
  ...queueFunctions,
  ...opsFunctions,
];
