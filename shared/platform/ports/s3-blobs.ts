import type { IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import { AwsCallError, awsKeepAliveAgent } from '../aws/aws-json-call';
import { awsEndpointHost, awsSigner } from '../aws/aws-signer';
import { requiredSetting } from '../config';
import { assertSafeKey, type BlobPort, type Bucket } from './blobs';
import type { AwsAdapter } from './ports';

/** One S3 request as sent: a virtual-hosted URL, signed headers, the object's bytes for a PUT. */
export interface S3Request {
  method: 'GET' | 'HEAD' | 'PUT';
  url: string;
  headers: Record<string, string>;
  body?: Buffer;
}

export interface S3Response {
  status: number;
  headers: IncomingHttpHeaders;
  /** The object (GET 200) or the error document; read it or destroy it. */
  body: Readable;
}

export type S3Transport = (request: S3Request) => Promise<S3Response>;

export interface S3Options {
  /** The buckets' region; by default AWS_REGION. */
  region?: string;
  env?: NodeJS.ProcessEnv;
  transport?: S3Transport;
  /** Pause before the first retry (ms), doubled for the next. */
  backoffMs?: number;
}

const attempts = 3;
/** How long a request may wait for S3's answer (ms). */
const answerTimeoutMs = 30_000;

/**
 * The AWS adapter of the blob port: the inbox and exports buckets, through three signed S3 requests (PutObject,
 * GetObject streamed, HeadObject) without the SDK client — which weighed ~420 KiB of the upload functions' and
 * the consumer's bundles and ~110 ms of their cold start (shared/platform/aws/aws-json-call.ts says more).
 * Keys are checked by `assertSafeKey` (`[\w.\-/]` only), so they go into the path as they are. Server errors,
 * throttling (503 SlowDown) and lost connections are retried up to three attempts; a refusal throws an
 * `AwsCallError` named by S3's error code (`NoSuchKey`, `AccessDenied` …), as the SDK names its errors.
 */
export function s3Blobs(buckets: Record<Bucket, string>, options: S3Options = {}): BlobPort {
  const env = options.env ?? process.env;
  const send = options.transport ?? httpsTransport;

  const call = async (method: S3Request['method'], bucket: Bucket, key: string, body?: Buffer) => {
    assertSafeKey(key);
    const region = options.region ?? env.AWS_REGION;
    if (!region) throw new Error('No region for S3: AWS_REGION is not set');
    const signer = awsSigner('s3', region, env);
    const hostname = `${buckets[bucket]}.${awsEndpointHost('s3', region)}`;
    for (let attempt = 1; ; attempt++) {
      const signed = await signer.sign({
        method,
        protocol: 'https:',
        hostname,
        path: `/${key}`,
        query: {},
        headers: {
          host: hostname,
          ...(body ? { 'content-length': String(body.length) } : {}),
        },
        ...(body ? { body } : {}),
      });
      let response: S3Response;
      try {
        response = await send({ method, url: `https://${hostname}/${key}`, headers: signed.headers, body });
      } catch (error) {
        if (attempt >= attempts) throw error;
        await pause(options.backoffMs, attempt);
        continue;
      }
      if (response.status < 500 || attempt >= attempts) return response;
      response.body.destroy();
      await pause(options.backoffMs, attempt);
    }
  };

  return {
    async put(bucket, key, body) {
      const bytes = Buffer.from(body instanceof Readable ? await collect(body) : body);
      const response = await call('PUT', bucket, key, bytes);
      if (response.status !== 200) throw await refusalOf(response);
      response.body.resume();
    },
    async get(bucket, key) {
      const response = await call('GET', bucket, key);
      if (response.status !== 200) throw await refusalOf(response);
      return response.body;
    },
    async exists(bucket, key) {
      const response = await call('HEAD', bucket, key);
      response.body.resume();
      if (response.status === 200) return true;
      if (response.status === 404) return false;
      throw new AwsCallError(
        `HttpError${response.status}`,
        `S3 HeadObject answered ${response.status}`,
        response.status,
      );
    },
  };
}

/** S3's error document (`<Error><Code>NoSuchKey</Code><Message>…</Message></Error>`) as an `AwsCallError`. */
async function refusalOf(response: S3Response): Promise<AwsCallError> {
  const text = (await collect(response.body)).toString('utf8');
  const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? `HttpError${response.status}`;
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? code;
  return new AwsCallError(code, message, response.status);
}

/** The blob port in AWS (`declareAdapters`): the buckets of INBOX_BUCKET and EXPORTS_BUCKET. */
export const s3BlobsAdapter: AwsAdapter<'blobs'> = {
  port: 'blobs',
  create: (config) =>
    s3Blobs({
      inbox: requiredSetting(config.inboxBucket, 'INBOX_BUCKET'),
      exports: requiredSetting(config.exportsBucket, 'EXPORTS_BUCKET'),
    }),
};

const httpsTransport: S3Transport = (request) =>
  new Promise((resolve, reject) => {
    const req = httpsRequest(
      request.url,
      {
        method: request.method,
        headers: request.headers,
        timeout: answerTimeoutMs,
        agent: awsKeepAliveAgent,
      },
      (res) => {
        // The time-out guards the wait for an answer; a caller reading the object slowly (back-pressure while
        // a file's packages are written) must not have the stream cut under it.
        req.setTimeout(0);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res });
      },
    );
    req.on('timeout', () => req.destroy(new Error('S3 request timed out')));
    req.on('error', reject);
    req.end(request.body);
  });

function pause(backoffMs = 100, attempt: number): Promise<void> {
  const ms = backoffMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}
