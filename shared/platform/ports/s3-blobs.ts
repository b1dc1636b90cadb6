import type { IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import type { SignatureV4 } from '@smithy/signature-v4';
import { AwsCallError, awsKeepAliveAgent } from '../aws/aws-json-call';
import { awsEndpointHost, awsSigner } from '../aws/aws-signer';
import { requiredSetting } from '../config';
import { assertSafeKey, assertUploadable, type BlobPort, type Bucket } from './blobs';
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
 * the consumer's bundles and ~110 ms of their cold start (shared/platform/aws/aws-json-call.ts says more) — and
 * presigned PUT URLs for uploads, signed here without a request to S3.
 * Keys are checked by `assertSafeKey` (`[\w.\-/]` only), so they go into the path as they are. Server errors,
 * throttling (503 SlowDown) and lost connections are retried up to three attempts; a refusal throws an
 * `AwsCallError` named by S3's error code (`NoSuchKey`, `AccessDenied` …), as the SDK names its errors.
 */
export function s3Blobs(buckets: Record<Bucket, string>, options: S3Options = {}): BlobPort {
  const env = options.env ?? process.env;
  const send = options.transport ?? httpsTransport;

  const endpoint = (bucket: Bucket) => {
    const region = options.region ?? env.AWS_REGION;
    if (!region) throw new Error('No region for S3: AWS_REGION is not set');
    return {
      signer: awsSigner('s3', region, env),
      hostname: `${buckets[bucket]}.${awsEndpointHost('s3', region)}`,
    };
  };

  const call = async (method: S3Request['method'], bucket: Bucket, key: string, body?: Buffer) => {
    assertSafeKey(key);
    const { signer, hostname } = endpoint(bucket);
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

  /**
   * HeadObject: the object's headers, or null when S3 says 404. S3 answers 404 for a missing key only to a
   * caller allowed `s3:ListBucket`; to one that is not, a missing key is 403 AccessDenied, which throws here.
   */
  const head = async (bucket: Bucket, key: string) => {
    const response = await call('HEAD', bucket, key);
    response.body.resume();
    if (response.status === 200) return response.headers;
    if (response.status === 404) return null;
    throw new AwsCallError(
      `HttpError${response.status}`,
      `S3 HeadObject answered ${response.status}`,
      response.status,
    );
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
      return (await head(bucket, key)) !== null;
    },
    async size(bucket, key) {
      const headers = await head(bucket, key);
      if (!headers) return null;
      const length = Number(headers['content-length']);
      if (!Number.isSafeInteger(length) || length < 0) {
        throw new Error('S3 HeadObject answered without a usable Content-Length');
      }
      return length;
    },
    /**
     * A presigned PutObject URL (SigV4 query-string authentication), valid for `expiresSeconds` — or until the
     * function's temporary credentials that signed it expire, whichever comes first — for this key only.
     *
     * It cannot cap the size: S3 takes whatever body the holder PUTs (up to 5 GB), and `maxBytes` has no place in
     * a presigned PUT (a signed Content-Length would demand one exact size; only a browser-form POST policy has a
     * `content-length-range`). What is uploaded is bounded after the fact instead: the step that registers the
     * upload checks `size` against maxBytes before anything reads it, and the consumer caps what it reads (the
     * package reader refuses a file beyond its limits). Nothing needs to be sent but the body: no header is
     * signed besides `host` (a Content-Type of the client's choice is accepted).
     */
    async uploadUrl(bucket, key, { expiresSeconds, maxBytes }) {
      assertUploadable(bucket, key, { expiresSeconds, maxBytes });
      const { signer, hostname } = endpoint(bucket);
      const url = await presignS3Url(signer, { method: 'PUT', hostname, key, expiresSeconds });
      return { url, method: 'PUT', headers: {} };
    },
  };
}

export interface PresignRequest {
  method: 'GET' | 'PUT';
  /** The bucket's virtual host, e.g. `omslink-inbox-….s3.eu-central-1.amazonaws.com`. */
  hostname: string;
  /** A key `assertSafeKey` accepts, so the path needs no escaping. */
  key: string;
  expiresSeconds: number;
  /** The signing time (tests: AWS's worked example); now by default. */
  signingDate?: Date;
}

/**
 * An S3 URL with SigV4 query-string authentication, as S3's "Authenticating Requests: Using Query Parameters"
 * describes it: X-Amz-Algorithm, -Credential, -Date, -Expires, -SignedHeaders (`host`), -Signature, and
 * X-Amz-Security-Token with temporary credentials. The payload is `UNSIGNED-PAYLOAD`, as query-string
 * authentication requires; it is neither a signed header nor a query parameter, so the URL is the same as
 * AWS's worked example and the client sends no extra header.
 */
export async function presignS3Url(signer: SignatureV4, request: PresignRequest): Promise<string> {
  assertSafeKey(request.key);
  const payloadHash = new Set(['x-amz-content-sha256']);
  const presigned = await signer.presign(
    {
      method: request.method,
      protocol: 'https:',
      hostname: request.hostname,
      path: `/${request.key}`,
      query: {},
      headers: { host: request.hostname, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    },
    {
      expiresIn: request.expiresSeconds,
      ...(request.signingDate ? { signingDate: request.signingDate } : {}),
      unhoistableHeaders: payloadHash,
      unsignableHeaders: payloadHash,
    },
  );
  const query = Object.entries(presigned.query ?? {})
    .flatMap(([name, value]) =>
      (Array.isArray(value) ? value : value == null ? [] : [value]).map(
        (v) => `${uriEncode(name)}=${uriEncode(v)}`,
      ),
    )
    .join('&');
  return `https://${request.hostname}/${request.key}?${query}`;
}

/** RFC 3986 percent-encoding, as SigV4 canonicalizes query parameters. */
function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
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
