import type { Readable } from 'node:stream';

export type Bucket = 'inbox' | 'exports';

/** How a client sends an object straight into the store, past API Gateway's 10 MB limit. */
export interface UploadUrl {
  /**
   * Where to send the bytes. Absolute in AWS (a presigned S3 URL); locally relative to the server root
   * (`/local-uploads/inbox/<key>?expires=…&maxBytes=…&signature=…`), since the adapter does not know the
   * address clients reach the server by: a REST handler resolves it against the request's origin
   * (`new URL(url, origin)`, the origin from the Host header and `x-forwarded-proto`), and leaves an absolute
   * one as it is.
   */
  url: string;
  method: 'PUT';
  /** Headers the client must send with the PUT exactly as given (none so far). */
  headers: Record<string, string>;
}

export interface UploadUrlOptions {
  /** How long the URL stays valid, in seconds (at most 7 days, SigV4's limit). */
  expiresSeconds: number;
  /**
   * The most the upload may hold. The local server refuses a larger body while it streams; S3 cannot be told
   * (a presigned PUT caps nothing), so the step that registers the upload checks `size` against it as well.
   */
  maxBytes: number;
}

/** Object storage: S3 buckets in AWS, a directory locally. Keys are `/`-separated relative names. */
export interface BlobPort {
  put(bucket: Bucket, key: string, body: Uint8Array | string | Readable): Promise<void>;
  get(bucket: Bucket, key: string): Promise<Readable>;
  exists(bucket: Bucket, key: string): Promise<boolean>;
  /** The object's size in bytes, or null when there is no such object. */
  size(bucket: Bucket, key: string): Promise<number | null>;
  /**
   * A URL a client PUTs one object to, without credentials of its own: the signature in the URL is the
   * permission, for this key, until it expires. Only the inbox takes uploads; another bucket throws.
   */
  uploadUrl(bucket: Bucket, key: string, options: UploadUrlOptions): Promise<UploadUrl>;
}

/** SigV4's longest presigned URL lifetime (7 days), kept by both adapters. */
export const maxUploadUrlSeconds = 7 * 24 * 3600;

/** Refuses what no adapter should sign: a bucket other than the inbox, a lifetime or size out of range. */
export function assertUploadable(bucket: Bucket, key: string, options: UploadUrlOptions): void {
  assertSafeKey(key);
  // A `.` segment is a name to S3 but a URL's path drops it (`a/./b` is fetched as `a/b`): the PUT would miss.
  if (key.split('/').includes('.')) throw new Error('Unsafe blob key');
  if (bucket !== 'inbox') throw new Error(`Uploads go to the inbox only, not to ${bucket}`);
  const { expiresSeconds, maxBytes } = options;
  if (!Number.isSafeInteger(expiresSeconds) || expiresSeconds < 1 || expiresSeconds > maxUploadUrlSeconds) {
    throw new Error(`An upload URL lives 1 to ${maxUploadUrlSeconds} seconds, not ${expiresSeconds}`);
  }
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) {
    throw new Error(`An upload's size limit must be a positive whole number of bytes, not ${maxBytes}`);
  }
}

/** Rejects keys that could escape a bucket or a directory (`..`, absolute paths, control characters). */
export function assertSafeKey(key: string): void {
  if (!/^[\w.\-/]+$/.test(key) || key.startsWith('/') || key.split('/').some((p) => p === '..' || p === '')) {
    throw new Error('Unsafe blob key');
  }
}
