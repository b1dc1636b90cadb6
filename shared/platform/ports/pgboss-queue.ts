import type PgBoss from 'pg-boss';
import type { QueueHealth, QueueMessage, QueuePort } from './queue';

export const localQueueNames = { import: 'import', deadLetter: 'import-dlq' } as const;

/** Retry policy mirroring the SQS redrive policy (maxReceiveCount 5 = 1 try + 4 retries). */
export const localRetry = { retryLimit: 4, retryDelay: 2, retryBackoff: true } as const;

/** Creates the local queues (idempotent): the import queue dead-letters into `import-dlq`. */
export async function createLocalQueues(boss: PgBoss): Promise<void> {
  await boss.createQueue(localQueueNames.deadLetter, { name: localQueueNames.deadLetter });
  await boss.createQueue(localQueueNames.import, {
    name: localQueueNames.import,
    ...localRetry,
    deadLetter: localQueueNames.deadLetter,
  });
}

/** The local adapter of the queue port: pg-boss on the same PostgreSQL. */
export function pgBossQueue(boss: PgBoss): QueuePort {
  return {
    async send(message: QueueMessage) {
      const id = await boss.send(localQueueNames.import, message, {
        ...localRetry,
        deadLetter: localQueueNames.deadLetter,
      });
      if (!id) throw new Error('pg-boss did not accept the message');
      return id;
    },
    async health(): Promise<QueueHealth> {
      try {
        return {
          ok: true,
          adapter: 'pg-boss',
          waiting: await boss.getQueueSize(localQueueNames.import),
          deadLetters: await boss.getQueueSize(localQueueNames.deadLetter),
        };
      } catch (error) {
        return { ok: false, adapter: 'pg-boss', error: (error as Error).name };
      }
    },
  };
}
