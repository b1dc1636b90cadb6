import { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { s3Blobs } from '../../shared/platform/ports/s3-blobs';
import { sqsQueue } from '../../shared/platform/ports/sqs-queue';

const sqs = mockClient(SQSClient);
const s3 = mockClient(S3Client);

beforeEach(() => {
  sqs.reset();
  s3.reset();
});

describe('SQS queue adapter', () => {
  it('sends the message as JSON to the import queue and reports queue depths', async () => {
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
    sqs
      .on(GetQueueAttributesCommand, { QueueUrl: 'q' })
      .resolves({ Attributes: { ApproximateNumberOfMessages: '3' } })
      .on(GetQueueAttributesCommand, { QueueUrl: 'dlq' })
      .resolves({ Attributes: { ApproximateNumberOfMessages: '1' } });
    const queue = sqsQueue('q', 'dlq', new SQSClient({ region: 'eu-central-1' }));
    const message = {
      kind: 'nsi-directory' as const,
      requestedBy: {
        username: 'test_nsi',
        role: 'nsi_operator' as const,
        orgCode: '99',
        channel: 'web' as const,
      },
      directory: 'V002',
      bucket: 'inbox' as const,
      key: 'nsi/V002.xml',
    };
    expect(await queue.send(message)).toBe('m-1');
    expect(JSON.parse(sqs.commandCalls(SendMessageCommand)[0]!.args[0].input.MessageBody!)).toEqual(message);
    expect(await queue.health()).toEqual({ ok: true, adapter: 'sqs', waiting: 3, deadLetters: 1 });
  });

  it('reports an unreachable queue as not ok, without leaking details', async () => {
    sqs.on(GetQueueAttributesCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDenied' }));
    const health = await sqsQueue('q', undefined, new SQSClient({ region: 'eu-central-1' })).health();
    expect(health).toEqual({ ok: false, adapter: 'sqs', error: 'Очередь недоступна' });
  });
});

describe('S3 blob adapter', () => {
  it('puts, gets and checks objects in the named bucket and refuses unsafe keys', async () => {
    s3.on(PutObjectCommand).resolves({});
    s3.on(GetObjectCommand).resolves({ Body: Readable.from([Buffer.from('данные')]) as never });
    s3.on(HeadObjectCommand, { Key: 'a/b.xml' }).resolves({});
    s3.on(HeadObjectCommand, { Key: 'missing.xml' }).rejects(
      Object.assign(new Error('nf'), { name: 'NotFound' }),
    );
    const blobs = s3Blobs(
      { inbox: 'inbox-bucket', exports: 'exports-bucket' },
      new S3Client({ region: 'eu-central-1' }),
    );
    await blobs.put('inbox', 'a/b.xml', 'данные');
    expect(s3.commandCalls(PutObjectCommand)[0]!.args[0].input).toMatchObject({
      Bucket: 'inbox-bucket',
      Key: 'a/b.xml',
    });
    const body = await blobs.get('inbox', 'a/b.xml');
    let text = '';
    for await (const chunk of body) text += Buffer.from(chunk as Uint8Array).toString('utf8');
    expect(text).toBe('данные');
    expect(await blobs.exists('inbox', 'a/b.xml')).toBe(true);
    expect(await blobs.exists('inbox', 'missing.xml')).toBe(false);
    await expect(blobs.put('exports', '../etc/passwd', 'x')).rejects.toThrow(/Unsafe/);
  });
});
