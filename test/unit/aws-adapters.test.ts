import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { AwsTransport } from '../../shared/platform/aws/aws-json-call';
import { type S3Request, type S3Transport, s3Blobs } from '../../shared/platform/ports/s3-blobs';
import { sqsQueue } from '../../shared/platform/ports/sqs-queue';

const credentials = {
  AWS_REGION: 'eu-central-1',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'secret',
};

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

describe('S3 blob adapter (signed REST requests, no SDK client)', () => {
  /** A stand-in bucket store answering like S3 and recording the requests. */
  function fakeS3(objects: Map<string, Buffer>, failFirst = 0) {
    const sent: S3Request[] = [];
    let failures = failFirst;
    const transport: S3Transport = async (request) => {
      sent.push(request);
      const answer = (status: number, body: string | Buffer = '') => ({
        status,
        headers: {},
        body: Readable.from([Buffer.from(body)]),
      });
      if (failures > 0) {
        failures--;
        return answer(503, '<Error><Code>SlowDown</Code><Message>Reduce your request rate</Message></Error>');
      }
      const url = new URL(request.url);
      const name = `${url.hostname.split('.')[0]}${url.pathname}`;
      if (request.method === 'PUT') {
        objects.set(name, request.body!);
        return answer(200);
      }
      const object = objects.get(name);
      if (!object) {
        return request.method === 'HEAD'
          ? answer(404)
          : answer(
              404,
              '<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>',
            );
      }
      return answer(200, request.method === 'GET' ? object : '');
    };
    return { sent, options: { env: credentials, transport, backoffMs: 0 } };
  }

  it('puts, gets and checks objects in the named bucket and refuses unsafe keys', async () => {
    // Prepare
    const objects = new Map<string, Buffer>();
    const s3 = fakeS3(objects);
    const blobs = s3Blobs({ inbox: 'inbox-bucket', exports: 'exports-bucket' }, s3.options);

    // Act
    await blobs.put('inbox', 'a/b.xml', 'данные');
    const body = await blobs.get('inbox', 'a/b.xml');
    let text = '';
    for await (const chunk of body) text += Buffer.from(chunk as Uint8Array).toString('utf8');

    // Assess
    expect(text).toBe('данные');
    expect([...objects.keys()]).toEqual(['inbox-bucket/a/b.xml']);
    const [put] = s3.sent;
    expect(put!.url).toBe('https://inbox-bucket.s3.eu-central-1.amazonaws.com/a/b.xml');
    expect(put!.headers['x-amz-content-sha256']).toBe(createHash('sha256').update('данные').digest('hex'));
    expect(put!.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-central-1\/s3\/aws4_request, SignedHeaders=[^,]*x-amz-content-sha256/,
    );
    expect(await blobs.exists('inbox', 'a/b.xml')).toBe(true);
    expect(await blobs.exists('inbox', 'missing.xml')).toBe(false);
    await expect(blobs.get('exports', 'missing.xml')).rejects.toMatchObject({
      name: 'NoSuchKey',
      status: 404,
    });
    await expect(blobs.put('exports', '../etc/passwd', 'x')).rejects.toThrow(/Unsafe/);
  });

  it('retries S3 throttling and answers once it passes', async () => {
    const objects = new Map([['inbox-bucket/x.zip', Buffer.from('zip')]]);
    const s3 = fakeS3(objects, 2);
    const blobs = s3Blobs({ inbox: 'inbox-bucket', exports: 'exports-bucket' }, s3.options);
    expect(await blobs.exists('inbox', 'x.zip')).toBe(true);
    expect(s3.sent).toHaveLength(3);
  });
});
