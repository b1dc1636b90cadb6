import { chmod, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import postgres from 'postgres';
import { startEmbeddedPostgres } from '../../infra/local/embedded-postgres';
import { baseOptions, type Sql } from '../../shared/platform/db/connection';

/**
 * A throw-away embedded PostgreSQL (fsync off) for a bench section run alone: `fn` gets the owner's pool and URL;
 * the server and its directory go afterwards, whatever happened.
 */
export async function withBenchDatabase(fn: (sql: Sql, url: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp('/var/tmp/omslink-bench-');
  await chmod(dir, 0o755);
  const pg = await startEmbeddedPostgres({
    pgDataDir: path.join(dir, 'pgdata'),
    database: 'bench',
    disposable: true,
  });
  const sql = postgres(pg.url, baseOptions(4)) as unknown as Sql;
  try {
    await fn(sql, pg.url);
  } finally {
    await sql.end();
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
