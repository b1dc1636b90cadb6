import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertSafeKey, assertUploadable, type BlobPort, type Bucket } from './blobs';
import { localUploadUrl } from './local-upload-url';

export interface DirectoryBlobsOptions {
  /**
   * The local runtime's secret that signs upload URLs (infra/local/runtime.ts holds it, the local server checks
   * with it). Without one, `uploadUrl` throws.
   */
  uploadSecret?: string;
  /** The clock upload URLs expire by (ms); tests set it. */
  now?: () => number;
}

/**
 * The local adapter of the blob port: `<root>/<bucket>/<key>`, written atomically (temp file + rename; a failed
 * write leaves nothing). Upload URLs point at the local server's `/local-uploads/` (local-upload-url.ts).
 */
export function directoryBlobs(root: string, options: DirectoryBlobsOptions = {}): BlobPort {
  const file = (bucket: Bucket, key: string) => {
    assertSafeKey(key);
    return path.join(root, bucket, key);
  };
  return {
    async put(bucket, key, body) {
      const target = file(bucket, key);
      await mkdir(path.dirname(target), { recursive: true });
      const temp = `${target}.${randomUUID()}.part`;
      const source = typeof body === 'string' || body instanceof Uint8Array ? Readable.from([body]) : body;
      try {
        await pipeline(source, createWriteStream(temp));
        await rename(temp, target);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
    },
    async get(bucket, key) {
      const target = file(bucket, key);
      await access(target);
      return createReadStream(target);
    },
    async exists(bucket, key) {
      try {
        await access(file(bucket, key));
        return true;
      } catch {
        return false;
      }
    },
    async size(bucket, key) {
      try {
        const found = await stat(file(bucket, key));
        return found.isFile() ? found.size : null;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return null;
        throw error;
      }
    },
    /**
     * A URL relative to the local server's root (`/local-uploads/inbox/<key>?expires=…&maxBytes=…&signature=…`):
     * the REST handler that hands it out resolves it against the request's origin. The local server refuses a
     * body beyond maxBytes while it streams it, so here the limit does hold.
     */
    async uploadUrl(bucket, key, { expiresSeconds, maxBytes }) {
      assertUploadable(bucket, key, { expiresSeconds, maxBytes });
      if (!options.uploadSecret)
        throw new Error('This blob directory has no secret to sign upload URLs with');
      const now = options.now?.() ?? Date.now();
      const expires = Math.floor(now / 1000) + expiresSeconds;
      return {
        url: localUploadUrl(options.uploadSecret, { bucket, key, expires, maxBytes }),
        method: 'PUT',
        headers: {},
      };
    },
  };
}
