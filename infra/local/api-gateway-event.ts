import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { isBinaryMediaType } from '../binary-media-types';

export interface LocalRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
  sourceIp: string;
}

/** An empty map without a prototype, for keys the caller chooses. */
function dictionary<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

const textual = /^(application\/(json|xml|problem\+json|soap\+xml|x-www-form-urlencoded)|text\/)/i;

/**
 * Builds the REST API (v1) proxy event API Gateway would send for this request: resource template, path
 * parameters, single- and multi-value headers and query, authorizer claims, base64 for binary bodies (the
 * binary media types of infra/binary-media-types.ts, and anything that is not text).
 */
export function apiGatewayEvent(
  request: LocalRequest,
  resource: string,
  pathParameters: Record<string, string> | null,
  claims: Record<string, string> | null,
): APIGatewayProxyEvent {
  // Maps keyed by the caller's names have no prototype: `?__proto__=1`, `?constructor=x` or `?toString=1` are
  // parameters like any other, never Object.prototype's members (as in API Gateway's JSON-parsed event).
  const headers = dictionary<string>();
  const multiValueHeaders = dictionary<string[]>();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    headers[name] = values.join(',');
    multiValueHeaders[name] = values;
  }
  const query = dictionary<string>();
  const multiQuery = dictionary<string[]>();
  for (const [k, v] of request.url.searchParams) {
    query[k] = v;
    multiQuery[k] = [...(multiQuery[k] ?? []), v];
  }
  // As API Gateway does: the REST API's binary media types (XML and SOAP among them, so a windows-1251
  // request reaches its handler undamaged) arrive as base64 bytes; JSON and other text as a UTF-8 string.
  const contentType = String(request.headers['content-type'] ?? 'text/plain');
  const isText = request.body.length === 0 || (textual.test(contentType) && !isBinaryMediaType(contentType));
  const requestId = randomUUID();
  return {
    resource,
    path: request.url.pathname,
    httpMethod: request.method,
    headers,
    multiValueHeaders,
    queryStringParameters: Object.keys(query).length ? query : null,
    multiValueQueryStringParameters: Object.keys(multiQuery).length ? multiQuery : null,
    pathParameters,
    stageVariables: null,
    body: request.body.length ? request.body.toString(isText ? 'utf8' : 'base64') : null,
    isBase64Encoded: !isText,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      authorizer: claims ? { claims } : null,
      protocol: 'HTTP/1.1',
      httpMethod: request.method,
      identity: { sourceIp: request.sourceIp } as APIGatewayProxyEvent['requestContext']['identity'],
      path: request.url.pathname,
      stage: 'local',
      requestId,
      requestTimeEpoch: Date.now(),
      resourceId: resource,
      resourcePath: resource,
    },
  };
}

export function lambdaContext(functionName: string, requestId: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 30_000,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}
