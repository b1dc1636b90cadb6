import type { Readable } from 'node:stream';

export type Bucket = 'inbox' | 'exports';

/** Object storage: S3 buckets in AWS, a directory locally. Keys are `/`-separated relative names. */
export interface BlobPort {
  put(bucket: Bucket, key: string, body: Uint8Array | string | Readable): Promise<void>;
  get(bucket: Bucket, key: string): Promise<Readable>;
  exists(bucket: Bucket, key: string): Promise<boolean>;
}

/** Rejects keys that could escape a bucket or a directory (`..`, absolute paths, control characters). */
export function assertSafeKey(key: string): void {
  if (!/^[\w.\-/]+$/.test(key) || key.startsWith('/') || key.split('/').some((p) => p === '..' || p === '')) {
    throw new Error('Unsafe blob key');
  }
}
