import path from 'node:path';
import { readConfig } from '../../shared/config';
import { closeSharedSql, sharedSql } from '../../shared/db/connection';
import { defaultMigrationsDir, migrate } from '../../shared/db/migrate';

/**
 * Applies the database migrations. Deployed as the handler of a CloudFormation custom resource (runs on every
 * deployment); the SQL files are copied next to the bundle (`MIGRATIONS_DIR`).
 */
export async function handler(event: { RequestType?: string } = {}) {
  if (event.RequestType === 'Delete') return { PhysicalResourceId: 'omslink-migrations' };
  const dir = process.env.MIGRATIONS_DIR
    ? path.resolve(process.env.LAMBDA_TASK_ROOT ?? process.cwd(), process.env.MIGRATIONS_DIR)
    : defaultMigrationsDir;
  const sql = await sharedSql(readConfig());
  try {
    const result = await migrate(sql, dir);
    return { PhysicalResourceId: 'omslink-migrations', Data: { version: String(result.to) } };
  } finally {
    await closeSharedSql();
  }
}
