import path from 'node:path';
import { readConfig } from '../../shared/platform/config';
import { appRoleName, enableAppLogin } from '../../shared/platform/db/app-role';
import { closeSharedSql, sharedSql } from '../../shared/platform/db/connection';
import { type DatabaseSecret, readDatabaseSecret } from '../../shared/platform/db/database-secret';
import { defaultMigrationsDir, migrate } from '../../shared/platform/db/migrate';

export interface MigrateDependencies {
  /** Reads a Secrets Manager database secret (username/password); the AWS SDK by default. */
  readSecret?: (secretArn: string) => Promise<DatabaseSecret>;
}

/**
 * Applies the database migrations as the owner (`DB_SECRET_ARN`, the cluster's admin secret), then lets the
 * application role `omslink_app` log in with the password of its own secret (`DB_APP_SECRET_ARN`), so every
 * other function, which connects as that role, finds it ready. Deployed as the handler of a CloudFormation
 * custom resource (runs on deployments that change the migrations, this function or the application secret);
 * the SQL files are copied next to the bundle (`MIGRATIONS_DIR`).
 *
 * Setting the password again on every run is idempotent, and it re-syncs the role with the secret's current
 * value. Locally the runtime enables the login itself, so without `DB_APP_SECRET_ARN` (local mode) that step is
 * skipped; in AWS a missing application secret fails the deployment rather than leave the role NOLOGIN.
 */
export function createHandler(deps: MigrateDependencies = {}) {
  const readSecret = deps.readSecret ?? readDatabaseSecret;
  return async function handler(event: { RequestType?: string } = {}) {
    if (event.RequestType === 'Delete') return { PhysicalResourceId: 'omslink-migrations' };
    const config = readConfig();
    const appSecretArn = process.env.DB_APP_SECRET_ARN || undefined;
    if (config.mode === 'aws' && !appSecretArn) {
      throw new Error('DB_APP_SECRET_ARN is not set: the application role would be left without a login');
    }
    const dir = process.env.MIGRATIONS_DIR
      ? path.resolve(process.env.LAMBDA_TASK_ROOT ?? process.cwd(), process.env.MIGRATIONS_DIR)
      : defaultMigrationsDir;
    // Read and check the application secret first: a misconfiguration fails before the schema changes.
    const app = appSecretArn ? await readSecret(appSecretArn) : undefined;
    if (app && app.username !== appRoleName) {
      throw new Error(`The application secret names user "${app.username}", expected "${appRoleName}"`);
    }
    const sql = await sharedSql(config);
    try {
      const result = await migrate(sql, dir);
      if (app) {
        // The error of a failed ALTER ROLE is re-thrown by message only: the query text holds the password.
        await enableAppLogin(sql, app.password).catch((error: unknown) => {
          throw new Error(`Could not enable the login of ${appRoleName}: ${(error as Error).message}`);
        });
      }
      return {
        PhysicalResourceId: 'omslink-migrations',
        Data: { version: String(result.to), appLogin: app ? 'enabled' : 'skipped' },
      };
    } finally {
      await closeSharedSql();
    }
  };
}

export const handler = createHandler();
