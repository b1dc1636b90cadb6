import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';

/** The host of a service's regional endpoint, e.g. `sqs.eu-central-1.amazonaws.com`. */
export function awsEndpointHost(prefix: string, region: string): string {
  return `${prefix}.${region}.${region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'}`;
}

/**
 * A SigV4 signer with the function role's credentials, which Lambda puts in the environment (the SDK's
 * `fromEnv`). S3 signs the path as it is and the payload's hash (`x-amz-content-sha256`).
 */
export function awsSigner(
  service: string,
  region: string,
  env: NodeJS.ProcessEnv = process.env,
): SignatureV4 {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) {
    throw new Error(`No AWS credentials in the environment to call ${service} with`);
  }
  return new SignatureV4({
    service,
    region,
    credentials: {
      accessKeyId,
      secretAccessKey,
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    },
    sha256: Sha256,
    uriEscapePath: service !== 's3',
    applyChecksum: service === 's3',
  });
}

/** The hash the signer needs (its `Checksum` shape), on node:crypto: SHA-256, or HMAC-SHA-256 with a key. */
class Sha256 {
  private hash;

  constructor(private readonly secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = Sha256.start(secret);
  }

  private static start(secret?: string | ArrayBuffer | ArrayBufferView) {
    return secret === undefined ? createHash('sha256') : createHmac('sha256', toBytes(secret));
  }

  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(toBytes(data));
  }

  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }

  reset(): void {
    this.hash = Sha256.start(this.secret);
  }
}

function toBytes(data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof data === 'string') return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}
