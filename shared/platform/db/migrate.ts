import { fileURLToPath } from 'node:url';
import Postgrator from 'postgrator';
import type { Sql } from './connection';

/** The SQL migrations shipped with the code (copied next to the bundle in AWS, see infra). */
export const defaultMigrationsDir = fileURLToPath(new URL('./migrations', import.meta.url));

export interface MigrationResult {
  from: number;
  to: number;
  applied: string[];
}

/**
 * Applies the versioned migrations (`NNN.do.<name>.sql`) with postgrator, which records each applied version and
 * checksum in `public.schemaversion` and refuses a changed, already-applied file. An advisory lock serialises
 * concurrent runs (two local starts, overlapping deployments).
 */
export async function migrate(sql: Sql, migrationsDir = defaultMigrationsDir): Promise<MigrationResult> {
  const reserved = await sql.reserve();
  try {
    await reserved`select pg_advisory_lock(727001)`;
    const database = (await reserved<{ db: string }[]>`select current_database() as db`)[0]!.db;
    const postgrator = new Postgrator({
      migrationPattern: `${migrationsDir}/*.sql`,
      driver: 'pg',
      database,
      schemaTable: 'public.schemaversion',
      validateChecksums: true,
      execQuery: async (query: string) => ({ rows: await reserved.unsafe(query).simple() }),
    });
    const from = Number(await postgrator.getDatabaseVersion());
    const applied = await postgrator.migrate();
    const to = Number(await postgrator.getDatabaseVersion());
    return { from, to, applied: applied.map((m) => m.filename) };
  } finally {
    await reserved`select pg_advisory_unlock(727001)`.catch(() => {});
    reserved.release();
  }
}
