import type { SQSEvent } from 'aws-lambda';
import type PgBoss from 'pg-boss';
import {
  extendLease,
  handBack,
  localLease,
  localQueueNames,
  otherQueueSessions,
  reclaimAbandonedJobs,
} from '../../shared/platform/ports/pgboss-queue';
import type { ConsumerProcess } from './queue-consumer-process';

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

export interface QueueWorkerOptions {
  /** This runtime's pg-boss `application_name` (other runtimes connected to the database are told apart by it). */
  session: string;
  /** The queue consumer, in a process of its own (queue-consumer-process.ts). */
  consumer: ConsumerProcess;
  /** Seconds between polls of an empty queue. Default 1. */
  pollSeconds?: number;
  /** Seconds between checks for jobs whose lease ran out. Default 30. */
  reclaimSeconds?: number;
  log?: (line: string) => void;
}

export interface QueueWorker {
  /** Jobs handed out again at start-up (left `active` by a process that died). */
  reclaimed: string[];
  /**
   * A message was just sent (by this runtime): the queue is polled now rather than after the pause, as an SQS
   * event source mapping's long poll returns a message at once.
   */
  wake(): void;
  /**
   * Stops polling and waits up to `timeoutMs` for the job in flight; one still running then is handed back
   * to the queue (retried at the next start) instead of waiting for its lease to run out.
   */
  stop(timeoutMs?: number): Promise<void>;
}

const logError = (where: string, error: unknown) =>
  console.error(JSON.stringify({ level: 'error', where, error: (error as Error)?.name }));

/**
 * The local event source mapping: pg-boss hands each job to the queue consumer (a process of its own, as the
 * consumer is a function of its own in AWS) as an SQS event, one at a time.
 * A reported batch item failure fails the job, so pg-boss retries it and finally dead-letters it, as SQS + DLQ
 * would. While a job runs its lease is extended (the heartbeat); at start-up, jobs left `active` by a process
 * that died are handed out again at once — when no other runtime is connected to the database, every active
 * job; otherwise those whose lease ran out — and the lease check repeats every `reclaimSeconds`.
 */
export async function startQueueWorker(boss: PgBoss, options: QueueWorkerOptions): Promise<QueueWorker> {
  const name = localQueueNames.import;
  const alone = (await otherQueueSessions(boss, options.session)) === 0;
  const reclaimed = await reclaimAbandonedJobs(boss, { all: alone });
  if (reclaimed.length > 0) {
    options.log?.(`Queue: ${reclaimed.length} import job(s) left running by a stopped process queued again.`);
  }

  let stopping = false;
  let wake: (() => void) | undefined;
  // A wake-up that came while no pause was waiting (the worker was fetching or running a job).
  let woken = false;
  let current: string | null = null;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken) {
        woken = false;
        resolve();
        return;
      }
      const timer = setTimeout(resolve, ms);
      wake = () => {
        wake = undefined;
        clearTimeout(timer);
        resolve();
      };
    });

  async function run(job: PgBoss.JobWithMetadata<Record<string, unknown>>) {
    current = job.id;
    const lease = setInterval(
      () => extendLease(boss, job.id).catch((error) => logError('queue-lease', error)),
      localLease.heartbeatSeconds * 1000,
    );
    try {
      const result = await options.consumer.invoke(sqsEvent(job.id, job.data, job.retryCount + 1), job.id);
      if (result && result.batchItemFailures.length > 0) {
        await boss.fail(name, job.id, { message: 'import message failed' });
      } else {
        await boss.complete(name, job.id);
      }
    } catch (error) {
      logError('queue-worker', error);
      await boss.fail(name, job.id, { message: 'import handler threw' }).catch(() => {});
    } finally {
      clearInterval(lease);
      current = null;
    }
  }

  const loop = (async () => {
    let checked = Date.now();
    while (!stopping) {
      if (Date.now() - checked > (options.reclaimSeconds ?? 30) * 1000) {
        checked = Date.now();
        await reclaimAbandonedJobs(boss, { all: false }).catch((error) => logError('queue-reclaim', error));
      }
      let jobs: PgBoss.JobWithMetadata<Record<string, unknown>>[] = [];
      try {
        jobs = await boss.fetch<Record<string, unknown>>(name, { batchSize: 1, includeMetadata: true });
      } catch (error) {
        if (!stopping) logError('queue-fetch', error);
      }
      if (jobs.length === 0) {
        if (!stopping) await pause((options.pollSeconds ?? 1) * 1000);
        continue;
      }
      for (const job of jobs) await run(job);
    }
  })();

  return {
    reclaimed,
    wake() {
      if (wake) wake();
      else woken = true;
    },
    async stop(timeoutMs = 10_000) {
      stopping = true;
      wake?.();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([loop, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
      clearTimeout(timer);
      if (current) {
        // The job still running is stopped with its process (its transaction rolls back) and queued again.
        await options.consumer.stop();
        await handBack(boss, [current]).catch((error) => logError('queue-stop', error));
      }
    },
  };
}
