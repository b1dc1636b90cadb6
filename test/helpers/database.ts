import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import { type Role, roleOrganisationKind } from '../../shared/platform/access/roles';
import { type AccessContext, withCaller } from '../../shared/platform/access/scoped';
import { appDatabaseUrl } from '../../shared/platform/db/app-role';
import { baseOptions, type Sql, type Tx } from '../../shared/platform/db/connection';

export interface TestDatabase {
  /** The owner's connection string (bypasses row-level security: set-up and assertions only). */
  url: string;
  /** The application role's connection string (what handlers use; RLS applies). */
  appUrl: string;
  /** The owner's pool. */
  sql: Sql;
  /** A pool connected as the application role `omslink_app`. */
  app: Sql;
  /** Runs `fn` as the application role with this caller's context, as a handler would. */
  as<T>(who: TestCaller, fn: (tx: Tx) => Promise<T>): Promise<T>;
  drop(): Promise<void>;
}

export interface TestCaller {
  username: string;
  role: Role;
  orgCode: string;
  channel?: AccessContext['channel'];
}

/** A fresh database for one test file: a clone of the migrated, loaded template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('pgAdminUrl');
  const template = inject('pgTemplate');
  const appPassword = inject('appDbPassword');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}" template "${template}"`);
  await admin.end();
  const url = adminUrl.replace(/\/postgres$/, `/${name}`);
  const appUrl = appDatabaseUrl(url, appPassword);
  const sql = postgres(url, baseOptions(5)) as unknown as Sql;
  const app = postgres(appUrl, baseOptions(5)) as unknown as Sql;
  return {
    url,
    appUrl,
    sql,
    app,
    as: (who, fn) =>
      withCaller(
        app,
        {
          ...who,
          orgKind: roleOrganisationKind[who.role],
          channel: who.channel ?? 'rest',
          requestId: 'test',
        },
        fn,
      ),
    async drop() {
      await Promise.all([sql.end({ timeout: 5 }), app.end({ timeout: 5 })]);
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists "${name}" with (force)`);
      await a.end();
    },
  };
}
