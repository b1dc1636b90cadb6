import { type AwsCallOptions, awsJsonCall } from '../aws/aws-json-call';
import { requiredSetting } from '../config';
import type { AwsAdapter } from './ports';
import type { QueueHealth, QueueMessage, QueuePort } from './queue';

const sqs = { service: 'sqs', jsonVersion: '1.0', targetPrefix: 'AmazonSQS' } as const;

/**
 * The AWS adapter of the queue port: the import queue (with its DLQ configured by the stack), through SQS's JSON
 * protocol without the SDK client (shared/platform/aws/aws-json-call.ts says why).
 */
export function sqsQueue(queueUrl: string, deadLetterUrl?: string, options: AwsCallOptions = {}): QueuePort {
  const depth = async (url: string) => {
    const out = await awsJsonCall<{ Attributes?: Record<string, string> }>(
      sqs,
      'GetQueueAttributes',
      { QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] },
      options,
    );
    return Number(out.Attributes?.ApproximateNumberOfMessages ?? 0);
  };
  return {
    async send(message: QueueMessage) {
      const out = await awsJsonCall<{ MessageId?: string }>(
        sqs,
        'SendMessage',
        { QueueUrl: queueUrl, MessageBody: JSON.stringify(message) },
        options,
      );
      if (!out.MessageId) throw new Error('SQS returned no message id');
      return out.MessageId;
    },
    async health(): Promise<QueueHealth> {
      try {
        return {
          ok: true,
          adapter: 'sqs',
          waiting: await depth(queueUrl),
          ...(deadLetterUrl ? { deadLetters: await depth(deadLetterUrl) } : {}),
        };
      } catch (error) {
        console.error(
          JSON.stringify({ level: 'error', where: 'queue-health', error: (error as Error).name }),
        );
        return { ok: false, adapter: 'sqs', error: 'Очередь недоступна' };
      }
    },
  };
}

/** The queue port in AWS (`declareAdapters`): the import queue of IMPORT_QUEUE_URL and its DLQ. */
export const sqsQueueAdapter: AwsAdapter<'queue'> = {
  port: 'queue',
  create: (config) =>
    sqsQueue(requiredSetting(config.importQueueUrl, 'IMPORT_QUEUE_URL'), process.env.IMPORT_DLQ_URL),
};
