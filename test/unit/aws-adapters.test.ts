import { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AwsTransport } from '../../shared/platform/aws/aws-json-call';
import { s3Blobs } from '../../shared/platform/ports/s3-blobs';
import { sqsQueue } from '../../shared/platform/ports/sqs-queue';

const s3 = mockClient(S3Client);
const credentials = {
  AWS_REGION: 'eu-central-1',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'secret',
};

beforeEach(() => {
  s3.reset();
});

describe('SQS queue adapter (JSON protocol, no SDK client)', () => {
  it('sends the message as JSON to the import queue and reports queue depths', async () => {
    const sent: { target: string; input: Record<string, unknown> }[] = [];
    const transport: AwsTransport = async (request) => {
      const input = JSON.parse(request.body) as Record<string, unknown>;
      const target = request.headers['x-amz-target']!;
      sent.push({ target, input });
      if (target === 'AmazonSQS.SendMessage') return { status: 200, body: '{"MessageId":"m-1"}' };
      const waiting = input.QueueUrl === 'dlq' ? '1' : '3';
      return { status: 200, body: JSON.stringify({ Attributes: { ApproximateNumberOfMessages: waiting } }) };
    };
    const queue = sqsQueue('q', 'dlq', { env: credentials, transport });
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
    expect(sent[0]!.target).toBe('AmazonSQS.SendMessage');
    expect(sent[0]!.input.QueueUrl).toBe('q');
    expect(JSON.parse(sent[0]!.input.MessageBody as string)).toEqual(message);
    expect(await queue.health()).toEqual({ ok: true, adapter: 'sqs', waiting: 3, deadLetters: 1 });
    expect(sent.slice(1).map((call) => call.target)).toEqual([
      'AmazonSQS.GetQueueAttributes',
      'AmazonSQS.GetQueueAttributes',
    ]);
  });

  it('reports an unreachable queue as not ok, without leaking details', async () => {
    const transport: AwsTransport = async () => ({
      status: 400,
      body: JSON.stringify({ __type: 'com.amazon.coral.service#AccessDeniedException', message: 'denied' }),
    });
    const health = await sqsQueue('q', undefined, { env: credentials, transport }).health();
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
