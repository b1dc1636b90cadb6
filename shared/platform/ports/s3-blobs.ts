import { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { requiredSetting } from '../config';
import { assertSafeKey, type BlobPort, type Bucket } from './blobs';
import type { AwsAdapter } from './ports';

/** The AWS adapter of the blob port: the inbox and exports buckets. */
export function s3Blobs(buckets: Record<Bucket, string>, client = new S3Client({})): BlobPort {
  return {
    async put(bucket, key, body) {
      assertSafeKey(key);
      const payload = body instanceof Readable ? await collect(body) : body;
      await client.send(new PutObjectCommand({ Bucket: buckets[bucket], Key: key, Body: payload }));
    },
    async get(bucket, key) {
      assertSafeKey(key);
      const out = await client.send(new GetObjectCommand({ Bucket: buckets[bucket], Key: key }));
      if (!out.Body) throw new Error('S3 object has no body');
      return out.Body as Readable;
    },
    async exists(bucket, key) {
      assertSafeKey(key);
      try {
        await client.send(new HeadObjectCommand({ Bucket: buckets[bucket], Key: key }));
        return true;
      } catch (error) {
        if ((error as { name?: string }).name === 'NotFound') return false;
        throw error;
      }
    },
  };
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

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}
