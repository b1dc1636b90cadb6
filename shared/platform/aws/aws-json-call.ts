import { Agent, request as httpsRequest } from 'node:https';
import { awsEndpointHost, awsSigner } from './aws-signer';

/**
 * One call of an AWS service's JSON protocol (Secrets Manager, SQS, Cognito user pools …): a SigV4-signed POST
 * of the operation's input as JSON, its output parsed from JSON. The function's role credentials come from the
 * environment, as Lambda sets them. Throttling, 5xx answers and lost connections are retried like the SDK does
 * (three attempts, exponential backoff); a refusal throws an `AwsCallError` named like the SDK's errors (its
 * `__type`, e.g. `AccessDeniedException`), so callers tell errors apart by `name` either way.
 *
 * Why not the SDK's client: each `@aws-sdk/client-*` brings its credential chain (SSO, STS, INI files, IMDS),
 * protocol and retry stacks — ~300 KiB of bundle and ~80 ms of cold import per function on these machines — for
 * calls that are one signed POST each. The signer is the SDK's own (`@smithy/signature-v4`, ~14 KiB).
 */
export interface AwsJsonService {
  /** Signing name and endpoint prefix, e.g. `secretsmanager`, `sqs`, `cognito-idp`. */
  service: string;
  /** `1.0` (SQS) or `1.1` (Secrets Manager, Cognito): the content type the service takes. */
  jsonVersion: '1.0' | '1.1';
  /** The `X-Amz-Target` prefix, e.g. `secretsmanager`, `AmazonSQS`, `AWSCognitoIdentityProviderService`. */
  targetPrefix: string;
}

export interface AwsHttpRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface AwsHttpResponse {
  status: number;
  body: string;
}

/** Sends one request; node:https by default (the global `fetch` costs ~60 ms of undici start-up at first use). */
export type AwsTransport = (request: AwsHttpRequest) => Promise<AwsHttpResponse>;

export interface AwsCallOptions {
  /** The region; by default AWS_REGION. */
  region?: string;
  env?: NodeJS.ProcessEnv;
  transport?: AwsTransport;
  /** Pause before the first retry (ms), doubled for the next. */
  backoffMs?: number;
  /**
   * Send without a signature: for the public operations IAM does not authorise (Cognito's InitiateAuth and
   * RespondToAuthChallenge; the SDK sends them unsigned too).
   */
  unsigned?: boolean;
}

/** A refusal of an AWS service, named by its error type like the SDK's errors. */
export class AwsCallError extends Error {
  constructor(
    name: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = name;
  }
}

const attempts = 3;
const callTimeoutMs = 5_000;

/**
 * Connections are kept for the next call, as the SDK keeps them (a TLS handshake per call costs tens of ms); one
 * that died while Lambda froze the process fails at once and the call is retried on a new one.
 */
export const awsKeepAliveAgent = new Agent({ keepAlive: true });

export async function awsJsonCall<T>(
  service: AwsJsonService,
  operation: string,
  input: object,
  options: AwsCallOptions = {},
): Promise<T> {
  const env = options.env ?? process.env;
  const region = options.region ?? env.AWS_REGION;
  if (!region) throw new Error(`No region for ${service.service}: AWS_REGION is not set`);
  const hostname = awsEndpointHost(service.service, region);
  const signer = options.unsigned ? null : awsSigner(service.service, region, env);
  const body = JSON.stringify(input);
  const send = options.transport ?? httpsTransport;

  const headers = {
    host: hostname,
    'content-type': `application/x-amz-json-${service.jsonVersion}`,
    'x-amz-target': `${service.targetPrefix}.${operation}`,
  };

  for (let attempt = 1; ; attempt++) {
    // Signed anew for each attempt: a signature is valid for a few minutes around its x-amz-date.
    const signed = signer
      ? (
          await signer.sign({
            method: 'POST',
            protocol: 'https:',
            hostname,
            path: '/',
            query: {},
            headers: { ...headers },
            body,
          })
        ).headers
      : headers;
    let answer: AwsHttpResponse;
    try {
      answer = await send({ url: `https://${hostname}/`, headers: signed, body });
    } catch (error) {
      if (attempt >= attempts) throw error;
      await pause(options.backoffMs, attempt);
      continue;
    }
    if (answer.status >= 200 && answer.status < 300) return parseJson(answer.body) as T;
    const refusal = refusalOf(answer);
    if (attempt >= attempts || !retryable(refusal)) throw refusal;
    await pause(options.backoffMs, attempt);
  }
}

function refusalOf(answer: AwsHttpResponse): AwsCallError {
  const parsed = parseJson(answer.body) as { __type?: unknown; message?: unknown; Message?: unknown };
  // `__type` may carry a namespace (`com.amazonaws.secretsmanager#AccessDeniedException`) or a URL suffix.
  const type = String(parsed.__type ?? `HttpError${answer.status}`)
    .split('#')
    .pop()!
    .split(':')[0]!;
  return new AwsCallError(type, String(parsed.message ?? parsed.Message ?? type), answer.status);
}

const throttlingTypes =
  /^(Throttling(Exception)?|ThrottledException|TooManyRequestsException|RequestThrottled(Exception)?|RequestLimitExceeded|SlowDown|LimitExceededException|ProvisionedThroughputExceededException)$/;

function retryable(refusal: AwsCallError): boolean {
  return refusal.status >= 500 || refusal.status === 429 || throttlingTypes.test(refusal.name);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) ?? {};
  } catch {
    return {};
  }
}

function pause(backoffMs = 100, attempt: number): Promise<void> {
  const ms = backoffMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const httpsTransport: AwsTransport = (request) =>
  new Promise((resolve, reject) => {
    const req = httpsRequest(
      request.url,
      {
        method: 'POST',
        headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
        timeout: callTimeoutMs,
        agent: awsKeepAliveAgent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('AWS call timed out')));
    req.on('error', reject);
    req.end(request.body);
  });
