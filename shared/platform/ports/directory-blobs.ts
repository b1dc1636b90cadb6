import { createReadStream, createWriteStream } from 'node:fs';
import { access, mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertSafeKey, type BlobPort, type Bucket } from './blobs';

/** The local adapter of the blob port: `<root>/<bucket>/<key>`, written atomically (temp file + rename). */
export function directoryBlobs(root: string): BlobPort {
  const file = (bucket: Bucket, key: string) => {
    assertSafeKey(key);
    return path.join(root, bucket, key);
  };
  return {
    async put(bucket, key, body) {
      const target = file(bucket, key);
      await mkdir(path.dirname(target), { recursive: true });
      const temp = `${target}.${process.pid}.${Date.now()}.part`;
      const source = typeof body === 'string' || body instanceof Uint8Array ? Readable.from([body]) : body;
      await pipeline(source, createWriteStream(temp));
      await rename(temp, target);
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
  };
}
