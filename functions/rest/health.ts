import type { QueueHealth } from '../../shared/platform/ports/queue';
import { sqsQueueAdapter } from '../../shared/platform/ports/sqs-queue';
import { restHandler } from '../lib/rest';

/** Each check answers within this long, or counts as down (a lost database must not hang the health check). */
const checkTimeoutMs = 2_000;

function within<T>(promise: Promise<T>, timedOut: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<T>((resolve) => {
      timer = setTimeout(() => resolve(timedOut), checkTimeoutMs);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** GET /health — database and queue status; 503 when either is down (or does not answer within 2 s). */
export const handler = restHandler({ auth: 'public', adapters: [sqsQueueAdapter] }, async ({ ports }) => {
  const started = performance.now();
  const [database, queue] = await Promise.all([
    within(
      ports
        .sql()
        .then(async (sql) => {
          const [row] = await sql<{ version: string }[]>`select current_setting('server_version') as version`;
          return { ok: true, version: row?.version, latencyMs: Math.round(performance.now() - started) };
        })
        .catch(() => ({ ok: false, error: 'База данных недоступна' })),
      { ok: false, error: 'Нет ответа за 2 с' },
    ),
    within<QueueHealth | { ok: false; error: string }>(ports.queue.health(), {
      ok: false,
      error: 'Нет ответа за 2 с',
    }),
  ]);
  const ok = database.ok && queue.ok;
  return {
    status: ok ? 200 : 503,
    body: { status: ok ? 'ok' : 'degraded', database, queue, time: new Date().toISOString() },
  };
});
