// The local queue consumer's own process (queue-consumer-process.ts starts it): as in AWS, where the import
// queue's consumer is a function of its own, an import's memory and CPU are not the HTTP server's. It receives
// one SQS event at a time over IPC, runs the very handler module a Lambda would, and answers its result. It
// ends with its parent: when the runtime is gone (even killed), the IPC channel closes and so does this process,
// its open transaction rolled back by PostgreSQL.
import type { Context, SQSBatchResponse, SQSEvent, SQSHandler } from 'aws-lambda';
import postgres from 'postgres';
import { queueFunctions } from '../../functions/manifest';
import { baseOptions, type Sql, withConnectionDeadline } from '../../shared/platform/db/connection';
import { directoryBlobs } from '../../shared/platform/ports/directory-blobs';
import { type Ports, setPorts } from '../../shared/platform/ports/ports';
import { lambdaContext } from './api-gateway-event';
import type { ConsumerInit, ConsumerReply, ConsumerRequest } from './queue-consumer-process';
import { loadHandler } from './route-table';

/** A port the queue's jobs do not have (`JobPorts`: config, sql, blobs): using it is a programming error. */
function absent<T extends object>(port: string): T {
  return new Proxy({} as T, {
    get(_target, property) {
      if (property === 'then') return undefined;
      throw new Error(`The queue consumer has no ${port} port (a job has config, sql and blobs)`);
    },
  });
}

const init = JSON.parse(process.env.OMSLINK_CONSUMER ?? '{}') as ConsumerInit;
const appSql = withConnectionDeadline(postgres(init.appUrl, baseOptions(init.poolMax)) as unknown as Sql);
const ports: Ports = {
  config: init.config,
  sql: async () => appSql,
  blobs: directoryBlobs(init.blobDir, { uploadSecret: init.uploadSecret }),
  queue: absent('queue'),
  people: absent('people'),
  tokens: null,
};
setPorts(ports);
const spec = queueFunctions.find((f) => f.queue === 'import')!;
const handler = (await loadHandler(spec.entry)) as SQSHandler;

const reply = (message: ConsumerReply) => process.send?.(message);

process.on('message', async (request: ConsumerRequest) => {
  try {
    const context: Context = lambdaContext(spec.name, request.requestId);
    const result = (await handler(request.event as SQSEvent, context, () => {})) as
      | SQSBatchResponse
      | undefined;
    reply({ id: request.id, result: result ?? null });
  } catch (error) {
    reply({ id: request.id, error: (error as Error | null)?.name ?? 'Error' });
  }
});
process.on('disconnect', () => process.exit(0));
reply({ ready: true });
