import type { SQSBatchItemFailure, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { registeredWork } from '../../shared/area-work';
import { isUnavailable } from '../../shared/platform/db/db-errors';
import { declareAdapters, getPorts } from '../../shared/platform/ports/ports';
import { s3BlobsAdapter } from '../../shared/platform/ports/s3-blobs';
import { QueueMessage } from '../../shared/platform/queue-message';

/**
 * Consumer of the import queue: dispatches each message by its kind to the job an area registered
 * (shared/area-work.ts), then the follow-ups the job answers (`JobResult`). Each message is processed on its own; failures are reported per message
 * (`batchItemFailures`) so SQS retries only those and, after maxReceiveCount, moves them to the DLQ. Logs
 * carry the message id, kind and the job's summary — never personal data.
 */
// The jobs read their files from the inbox (JobPorts in shared/platform/area.ts): S3 is the one AWS client here.
declareAdapters([s3BlobsAdapter]);

export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const ports = getPorts();
  const failures: SQSBatchItemFailure[] = [];
  for (const record of event.Records) {
    try {
      // A job's follow-ups (other areas' jobs, `JobResult`) run next, in this delivery.
      const pending: unknown[] = [JSON.parse(record.body)];
      for (let message = pending.shift(); message !== undefined; message = pending.shift()) {
        const envelope = QueueMessage.parse(message);
        const job = registeredWork.jobs.get(envelope.kind);
        if (!job) throw Object.assign(new Error('No job for this message kind'), { name: 'UnknownKind' });
        const { followUps = [], ...summary } = await job.run(
          ports,
          job.schema.parse(envelope),
          record.messageId,
        );
        console.info(
          JSON.stringify({ level: 'info', messageId: record.messageId, kind: envelope.kind, ...summary }),
        );
        pending.push(...followUps);
      }
    } catch (error) {
      // The database lost (db-errors.ts) is transient: SQS delivers the message again. Only the error's class
      // and code are logged — its message may quote the file's data.
      const transient = isUnavailable(error);
      console.error(
        JSON.stringify({
          level: transient ? 'warn' : 'error',
          messageId: record.messageId,
          error: (error as Error | null)?.name,
          code: (error as { code?: string } | null)?.code,
          transient,
        }),
      );
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
}
