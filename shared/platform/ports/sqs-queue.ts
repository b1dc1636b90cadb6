import { GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { QueueHealth, QueueMessage, QueuePort } from './queue';

/** The AWS adapter of the queue port: the import queue (with its DLQ configured by the stack). */
export function sqsQueue(queueUrl: string, deadLetterUrl?: string, client = new SQSClient({})): QueuePort {
  const depth = async (url: string) => {
    const out = await client.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    return Number(out.Attributes?.ApproximateNumberOfMessages ?? 0);
  };
  return {
    async send(message: QueueMessage) {
      const out = await client.send(
        new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(message) }),
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
