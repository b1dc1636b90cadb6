import type { SQSBatchItemFailure, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { runTFileImportJob } from '../../shared/hospitalisation/db/t-file-import-job';
import { importPublication } from '../../shared/nsi/db/import-publication';
import { runErzImportJob } from '../../shared/person/db/erz-import-job';
import { contextOfRequester } from '../../shared/platform/access/requested-by';
import { getPorts } from '../../shared/platform/ports/ports';
import { ImportMessage } from '../../shared/platform/ports/queue';

/**
 * Consumer of the import queue. Each message is processed on its own; failures are reported per message
 * (`batchItemFailures`) so SQS retries only those and, after maxReceiveCount, moves them to the DLQ.
 */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const ports = getPorts();
  const failures: SQSBatchItemFailure[] = [];
  for (const record of event.Records) {
    try {
      const message = ImportMessage.parse(JSON.parse(record.body));
      const sql = await ports.sql();
      if (message.kind === 'erz-extract') {
        const result = await runErzImportJob(sql, ports.blobs, message, record.messageId);
        console.info(
          JSON.stringify({
            level: 'info',
            messageId: record.messageId,
            kind: message.kind,
            importId: message.importId,
            status: result.status,
            alreadyProcessed: result.alreadyProcessed,
            counts: result.counts,
          }),
        );
        continue;
      }
      if (message.kind === 't-file') {
        const result = await runTFileImportJob(sql, ports.blobs, message, record.messageId);
        console.info(
          JSON.stringify({ level: 'info', messageId: record.messageId, kind: message.kind, ...result }),
        );
        continue;
      }
      const who = await contextOfRequester(sql, message.requestedBy, 'nsi.load');
      const result = await importPublication(
        sql,
        ports.blobs,
        message.directory,
        message.bucket,
        message.key,
        { ...who, requestId: record.messageId },
      );
      console.info(
        JSON.stringify({
          level: 'info',
          messageId: record.messageId,
          kind: message.kind,
          status: result.status,
        }),
      );
    } catch (error) {
      console.error(
        JSON.stringify({
          level: 'error',
          messageId: record.messageId,
          error: (error as Error).name,
          code: (error as { code?: string }).code,
        }),
      );
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
}
