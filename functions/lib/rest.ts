import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { ZodType, z } from 'zod';
import { isCallerCurrent } from '../../shared/platform/access/account-repository';
import { type Caller, callerFromClaims } from '../../shared/platform/access/caller';
import { can, type Permission } from '../../shared/platform/access/permissions';
import { withCaller } from '../../shared/platform/access/scoped';
import type { Tx } from '../../shared/platform/db/connection';
import { dbRefusal, retryAfterSeconds } from '../../shared/platform/db/db-errors';
import { Refusal } from '../../shared/platform/flk/refusal';
import { schemaIssues } from '../../shared/platform/flk/schema-issues';
import { unusableTextIssues } from '../../shared/platform/flk/text-issues';
import {
  type AwsAdapter,
  type BasePorts,
  declareAdapters,
  getPorts,
  type PortsWith,
} from '../../shared/platform/ports/ports';
import { problemBody, problems, refusalStatus } from './problem';

/** A request to a handler; `ports` holds the always-present ports and those the handler declared. */
export interface RestRequest<P extends BasePorts = BasePorts> {
  event: APIGatewayProxyEvent;
  caller: Caller | null;
  ports: P;
  requestId: string;
  /**
   * Runs `fn` in a transaction scoped to the signed-in caller (row-level security and the audit log know who
   * acts). Every read or write of personal data goes through it.
   */
  db<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}

/** The web UI marks its calls (`x-omslink-client: web`); other token holders are REST integrators. */
function channelOf(event: APIGatewayProxyEvent): 'web' | 'rest' {
  const header = Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === 'x-omslink-client');
  return header?.[1] === 'web' ? 'web' : 'rest';
}

/** Refuses (403 problem) a caller whose role lacks the permission; returns the caller for convenience. */
export function requirePermission(caller: Caller | null, permission: Permission): Caller {
  if (!caller) throw problems.unauthorized();
  if (!can(caller, permission)) throw problems.forbidden();
  return caller;
}

export interface RestResponse {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** A body sent as is instead of JSON (CSV and other files; name its content-type in `headers`). */
  raw?: string | Buffer;
}

const securityHeaders = {
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
};

function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  type = 'application/json',
) {
  return {
    statusCode: status,
    headers: { 'content-type': `${type}; charset=utf-8`, ...securityHeaders, ...headers },
    body: body === undefined ? '' : JSON.stringify(body),
  };
}

function rawResponse(status: number, body: string | Buffer, headers: Record<string, string> = {}) {
  const binary = Buffer.isBuffer(body);
  return {
    statusCode: status,
    headers: { ...securityHeaders, ...headers },
    body: binary ? body.toString('base64') : body,
    isBase64Encoded: binary,
  };
}

function problemResponse(refusal: Refusal, requestId: string): APIGatewayProxyResult {
  return json(
    refusalStatus[refusal.reason],
    problemBody(refusal, requestId),
    { 'x-request-id': requestId },
    'application/problem+json',
  );
}

export interface RestOptions<A extends readonly AwsAdapter[]> {
  auth: 'public' | 'user';
  /**
   * The AWS adapters of the ports the handler uses beyond the database (`sqsQueueAdapter`, `s3BlobsAdapter`,
   * `cognitoPeopleAdapter`): only these are bundled into the function, and only these are in `ports`.
   */
  adapters?: A;
}

/**
 * The one wrapper of every REST handler (middy): resolves the caller from the authorizer claims, refuses a
 * missing caller on `user` routes and a caller whose account was disabled or changed since the token was
 * issued, maps a `Refusal` and a classified database error (db-errors.ts: 503 with Retry-After, 400/409) to
 * problem+json and anything else to a 500 problem without internals; every
 * answer names its request id (`x-request-id`), the id the audit log records. Logs carry the request id, route and error class only — never request data.
 */
export function restHandler<const A extends readonly AwsAdapter[] = []>(
  options: RestOptions<A>,
  fn: (request: RestRequest<PortsWith<A>>) => Promise<RestResponse>,
) {
  declareAdapters(options.adapters ?? []);
  const base = async (event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> => {
    const requestId = event.requestContext?.requestId ?? context.awsRequestId;
    const caller = callerFromClaims(event.requestContext?.authorizer?.claims, channelOf(event));
    if (options.auth === 'user' && !caller) throw problems.unauthorized();
    const ports = getPorts();
    if (caller && !(await isCallerCurrent(await ports.sql(), caller))) throw problems.unauthorized();
    const db = async <T>(work: (tx: Tx) => Promise<T>): Promise<T> => {
      if (!caller) throw problems.unauthorized();
      return withCaller(await ports.sql(), { ...caller, requestId }, work);
    };
    const result = await fn({ event, caller, ports, requestId, db });
    // The request id names the call in the audit log and in support requests.
    const headers = { 'x-request-id': requestId, ...result.headers };
    if (result.raw !== undefined) return rawResponse(result.status ?? 200, result.raw, headers);
    return json(result.status ?? 200, result.body, headers);
  };
  return middy(base).onError(async (request) => {
    const requestId = request.event?.requestContext?.requestId ?? request.context.awsRequestId;
    const error = request.error;
    const route = `${request.event?.httpMethod} ${request.event?.resource}`;
    const code = (error as { code?: string } | null)?.code;
    // A database error is a refusal too: unavailable (503) or the caller's data refused by a constraint (400/409).
    const refusal = error instanceof Refusal ? error : dbRefusal(error);
    if (refusal) {
      if (refusal !== error) {
        console.warn(JSON.stringify({ level: 'warn', requestId, route, error: error?.name, code }));
      }
      request.response = problemResponse(refusal, requestId);
      if (refusal.reason === 'unavailable')
        request.response.headers!['retry-after'] = String(retryAfterSeconds);
      return;
    }
    console.error(JSON.stringify({ level: 'error', requestId, route, error: error?.name, code }));
    request.response = json(
      500,
      {
        type: 'urn:omslink:problem:500',
        title: 'Внутренняя ошибка сервиса',
        status: 500,
        detail: `Повторите попытку позже. Код запроса: ${requestId}.`,
        requestId,
      },
      { 'x-request-id': requestId },
      'application/problem+json',
    );
  });
}

/** Validates query-string parameters with a zod schema; errors become a 400 problem with field entries. */
export function parseQuery<T extends ZodType>(event: APIGatewayProxyEvent, schema: T): z.infer<T> {
  return parse(schema, event.queryStringParameters ?? {});
}

/** Validates a JSON body; malformed JSON is a 400 problem, not a 500. */
export function parseBody<T extends ZodType>(event: APIGatewayProxyEvent, schema: T): z.infer<T> {
  let body: unknown;
  try {
    const text = event.isBase64Encoded
      ? Buffer.from(event.body ?? '', 'base64').toString('utf8')
      : event.body;
    body = JSON.parse(text || 'null');
  } catch {
    throw Refusal.request('903', 'Тело запроса не является корректным JSON');
  }
  return parse(schema, body);
}

function parse<T extends ZodType>(schema: T, value: unknown): z.infer<T> {
  const unusable = unusableTextIssues(value);
  if (unusable.length > 0) throw problems.invalid(unusable);
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  throw problems.invalid(schemaIssues(result.error));
}
