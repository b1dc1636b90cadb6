/**
 * What a deployable function is: the CDK app creates a Lambda (and its API Gateway route, SQS event source or
 * custom resource) for each; the local runtime dispatches HTTP requests and queue messages to the very same
 * handler modules. Areas list their REST routes and SOAP services (shared/<area>/index.ts); the manifest
 * (functions/manifest.ts) assembles them with the platform's own functions.
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
  /**
   * The handler manages people's accounts in the Cognito user pool (create, group membership, disable/enable,
   * password reset, sign-out, attributes): in AWS its role gets exactly those admin actions on the user pool.
   * Signing in needs no flag: InitiateAuth is a public Cognito API, not authorised by IAM.
   */
  cognitoAdmin?: boolean;
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
