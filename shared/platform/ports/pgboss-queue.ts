import type PgBoss from 'pg-boss';
import type { QueueHealth, QueueMessage, QueuePort } from './queue';

export const localQueueNames = { import: 'import', deadLetter: 'import-dlq' } as const;

/** The PostgreSQL schema of pg-boss's tables. */
export const localQueueSchema = 'pgboss';

/** Retry policy mirroring the SQS redrive policy (maxReceiveCount 5 = 1 try + 4 retries). */
export const localRetry = { retryLimit: 4, retryDelay: 2, retryBackoff: true } as const;

/**
 * The lease of a running job — the local twin of the SQS visibility timeout. A job stays `active` for
 * `expireInSeconds` after its last sign of life; the worker extends the lease every `heartbeatSeconds` while the
 * job runs (`extendLease`), so a long file keeps it and a job whose worker died is handed out again within
 * minutes (`reclaimAbandonedJobs`, pg-boss's own expiry) instead of after pg-boss's default 15 minutes.
 */
export const localLease = { expireInSeconds: 120, heartbeatSeconds: 20 } as const;

/** `application_name` prefix of every local runtime's pg-boss connections (see `otherQueueSessions`). */
export const queueSessionPrefix = 'omslink-queue';

/** Creates the local queues (idempotent; the policy of an existing queue is brought up to date). */
export async function createLocalQueues(boss: PgBoss): Promise<void> {
  await boss.createQueue(localQueueNames.deadLetter, { name: localQueueNames.deadLetter });
  const importQueue = {
    name: localQueueNames.import,
    ...localRetry,
    expireInSeconds: localLease.expireInSeconds,
    deadLetter: localQueueNames.deadLetter,
  };
  await boss.createQueue(localQueueNames.import, importQueue);
  await boss.updateQueue(localQueueNames.import, importQueue);
}

/**
 * The local adapter of the queue port: pg-boss on the same PostgreSQL. `onSent` runs after each message is
 * stored (the runtime wakes its queue worker: infra/local/queue-worker.ts).
 */
export function pgBossQueue(boss: PgBoss, onSent?: () => void): QueuePort {
  return {
    async send(message: QueueMessage) {
      const id = await boss.send(localQueueNames.import, message, {
        ...localRetry,
        expireInSeconds: localLease.expireInSeconds,
        deadLetter: localQueueNames.deadLetter,
      });
      if (!id) throw new Error('pg-boss did not accept the message');
      onSent?.();
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
        console.error(
          JSON.stringify({ level: 'error', where: 'queue-health', error: (error as Error).name }),
        );
        return { ok: false, adapter: 'pg-boss', error: 'Очередь недоступна' };
      }
    },
  };
}

/**
 * A sign of life of a running import job: its lease now ends `expireInSeconds` from now. False when the job is
 * no longer active (it was reclaimed meanwhile, or finished).
 */
export async function extendLease(boss: PgBoss, id: string): Promise<boolean> {
  const { rows } = await boss.getDb().executeSql(
    `update ${localQueueSchema}.job
     set expire_in = (now() - started_on) + make_interval(secs => $3)
     where name = $1 and id = $2 and state = 'active'
     returning id`,
    [localQueueNames.import, id, localLease.expireInSeconds],
  );
  return rows.length > 0;
}

/**
 * How many pg-boss connections of other local runtimes are open on this database (`application_name` starts
 * with `queueSessionPrefix` but is not `mine`). A process that died — killed, crashed — has none left: the
 * server closes a dead client's connections.
 */
export async function otherQueueSessions(boss: PgBoss, mine: string): Promise<number> {
  const { rows } = await boss.getDb().executeSql(
    `select count(*)::int as n from pg_stat_activity
     where datname = current_database() and application_name like $1 and application_name <> $2`,
    [`${queueSessionPrefix}%`, mine],
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * Hands import jobs whose worker is gone out again at once: active jobs whose lease ran out and, with
 * `all` (at start-up, when no other local runtime is connected, so every active job was left by a process
 * that died), every active job. Each counts as a delivery (the retry count grows, as an SQS receive does;
 * the fifth goes to the dead-letter queue). Their files' journal entries stay `processing` until the job runs
 * again and claims them (attempts counted); that run ends with exactly the rows of a clean one.
 */
export async function reclaimAbandonedJobs(boss: PgBoss, options: { all: boolean }): Promise<string[]> {
  const { rows } = await boss.getDb().executeSql(
    `select id from ${localQueueSchema}.job
     where name = $1 and state = 'active' and ($2::boolean or started_on + expire_in < now())`,
    [localQueueNames.import, options.all],
  );
  const ids = rows.map((r: { id: string }) => r.id);
  await handBack(boss, ids);
  return ids;
}

/**
 * Returns active import jobs to the queue for another delivery now (pg-boss's back-off is skipped: a job
 * whose worker is gone has waited long enough); one out of retries goes to the dead-letter queue.
 */
export async function handBack(boss: PgBoss, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await boss.fail(localQueueNames.import, [...ids]);
  await boss.getDb().executeSql(
    `update ${localQueueSchema}.job set start_after = now()
     where name = $1 and id = any($2::uuid[]) and state = 'retry'`,
    [localQueueNames.import, ids],
  );
}
