import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import type { Sql } from './connection';

/** The database role the application connects as: no superuser, no owner, NOBYPASSRLS (migration 002). */
export const appRoleName = 'omslink_app';

const scramIterations = 4096;

/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores for a password (RFC 5802/7677, as `\password` in psql computes
 * it): `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`. Sending the verifier instead of the password
 * keeps the password out of the server's statement log even when the statement fails.
 */
export function scramVerifier(
  password: string,
  salt = randomBytes(16),
  iterations = scramIterations,
): string {
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

/**
 * Lets the application role log in with this password (run with the owner's connection after migrating:
 * the local runtime, tests, and the migrate function in AWS with the password of the app secret).
 */
export async function enableAppLogin(owner: Sql, password: string): Promise<void> {
  if (!/^[A-Za-z0-9_\-+/=.~]{16,128}$/.test(password)) {
    throw new Error('Application role password must be 16–128 URL-safe characters');
  }
  // ALTER ROLE takes no bind parameters; the verifier is base64 and '$'/':' only, so it holds no quote.
  await owner.unsafe(`alter role ${appRoleName} with login password '${scramVerifier(password)}'`);
}

/** The connection string of the application role on the same server and database as `ownerUrl`. */
export function appDatabaseUrl(ownerUrl: string, password: string): string {
  const url = new URL(ownerUrl);
  url.username = appRoleName;
  url.password = password;
  return url.toString();
}
