import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../infra/local/embedded-postgres';
import { ensureDemoRegion } from '../../shared/demo/demo-region-writer';
import { loadAllDirectories } from '../../shared/nsi/db/nsi-loader';
import { enableAppLogin } from '../../shared/platform/db/app-role';
import { baseOptions, type Sql } from '../../shared/platform/db/connection';
import { migrate } from '../../shared/platform/db/migrate';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
    /** Password of the application role `omslink_app` on the test cluster. */
    appDbPassword: string;
  }
}

export const templateDatabase = 'omslink_template';
export const testDemo = { seed: 'omslink-test', persons: 2_000 };

/**
 * One real PostgreSQL for the integration project. A template database is migrated and loaded once
 * (НСИ + a small demo region); each test file clones it (`create database … template …`, ~100 ms).
 */
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(path.join(process.env.OMSLINK_TEST_TMP ?? '/var/tmp', 'omslink-int-'));
  // mkdtemp makes 0700; as root, PostgreSQL runs as the OS user postgres, which must traverse it.
  await chmod(dir, 0o755);
  const pg = await startEmbeddedPostgres({
    pgDataDir: path.join(dir, 'pgdata'),
    database: templateDatabase,
    disposable: true,
  });
  const sql = postgres(pg.url, baseOptions(4)) as unknown as Sql;
  const appDbPassword = randomBytes(18).toString('base64url');
  try {
    await migrate(sql);
    await loadAllDirectories(sql);
    await ensureDemoRegion(sql, testDemo);
    await enableAppLogin(sql, appDbPassword);
  } finally {
    await sql.end();
  }
  project.provide('pgAdminUrl', pg.adminUrl);
  project.provide('pgTemplate', templateDatabase);
  project.provide('appDbPassword', appDbPassword);
  return async () => {
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
