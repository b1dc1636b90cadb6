import type { Sql } from '../connection';

/** The database role the application connects as: no superuser, no owner, NOBYPASSRLS (migration 002). */
export const appRoleName = 'omslink_app';

/**
 * Lets the application role log in with this password (run with the owner's connection after migrating:
 * the local runtime, tests, and the migrate function in AWS with the password of the app secret).
 */
export async function enableAppLogin(owner: Sql, password: string): Promise<void> {
  if (!/^[A-Za-z0-9_\-+/=.~]{16,128}$/.test(password)) {
    throw new Error('Application role password must be 16–128 URL-safe characters');
  }
  // ALTER ROLE takes no bind parameters; the password is checked above to contain no quote.
  await owner.unsafe(`alter role ${appRoleName} with login password '${password}'`);
}

/** The connection string of the application role on the same server and database as `ownerUrl`. */
export function appDatabaseUrl(ownerUrl: string, password: string): string {
  const url = new URL(ownerUrl);
  url.username = appRoleName;
  url.password = password;
  return url.toString();
}
