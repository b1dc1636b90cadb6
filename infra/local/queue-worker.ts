import type { SQSEvent, SQSHandler } from 'aws-lambda';
import type PgBoss from 'pg-boss';
import { queueFunctions } from '../../functions/manifest';
import { localQueueNames } from '../../shared/platform/ports/pgboss-queue';
import { lambdaContext } from './api-gateway-event';
import { loadHandler } from './route-table';

/** Builds the SQS event a Lambda event source mapping would deliver for one message. */
export function sqsEvent(messageId: string, body: unknown, receiveCount: number): SQSEvent {
  return {
    Records: [
      {
        messageId,
        receiptHandle: messageId,
        body: JSON.stringify(body),
        attributes: {
          ApproximateReceiveCount: String(receiveCount),
          SentTimestamp: String(Date.now()),
          SenderId: 'local',
          ApproximateFirstReceiveTimestamp: String(Date.now()),
        },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: `arn:aws:sqs:local:000000000000:${localQueueNames.import}`,
        awsRegion: 'local',
      },
    ],
  };
}

/**
 * The local event source mapping: pg-boss hands each job to the queue consumer as an SQS event. A reported
 * batch item failure fails the job, so pg-boss retries it and finally dead-letters it, as SQS + DLQ would.
 */
export async function startQueueWorker(boss: PgBoss): Promise<void> {
  const spec = queueFunctions.find((f) => f.queue === 'import')!;
  const handler = (await loadHandler(spec.entry)) as SQSHandler;
  await boss.work<Record<string, unknown>>(
    localQueueNames.import,
    { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true },
    async (jobs) => {
      for (const job of jobs) {
        const event = sqsEvent(job.id, job.data, ((job as { retryCount?: number }).retryCount ?? 0) + 1);
        const result = await handler(event, lambdaContext(spec.name, job.id), () => {});
        if (result && result.batchItemFailures.length > 0) {
          throw new Error(`Import message ${job.id} failed`);
        }
      }
    },
  );
}
