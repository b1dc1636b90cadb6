import { restHandler } from '../lib/rest';

/** GET /health — database and queue status; 503 when either is down. */
export const handler = restHandler({ auth: 'public' }, async ({ ports }) => {
  const started = performance.now();
  const database = await ports
    .sql()
    .then(async (sql) => {
      const [row] = await sql<{ version: string }[]>`select current_setting('server_version') as version`;
      return { ok: true, version: row?.version, latencyMs: Math.round(performance.now() - started) };
    })
    .catch((error: Error) => ({ ok: false, error: error.name }));
  const queue = await ports.queue.health();
  const ok = database.ok && queue.ok;
  return {
    status: ok ? 200 : 503,
    body: { status: ok ? 'ok' : 'degraded', database, queue, time: new Date().toISOString() },
  };
});
