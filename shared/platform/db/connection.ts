import net from 'node:net';
import postgres from 'postgres';
import type { RuntimeConfig } from '../config';
import { readDatabaseSecret } from './database-secret';

export type Sql = postgres.Sql;
/** A transaction handle (`sql.begin(tx => …)`): inside a transaction use it, never the outer `sql`. */
export type Tx = postgres.TransactionSql;
export type Db = Sql | Tx;

/**
 * postgres.js opens sockets with Nagle's algorithm on; a transaction's BEGIN and first query then wait for the
 * server's delayed ACK: ~44 ms per `sql.begin` and per COPY on loopback, 0.5 ms with TCP_NODELAY (measured here).
 */
function noDelaySocket(options: { host: string[]; port: number[]; path?: string }): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = options.path
      ? net.connect({ path: options.path })
      : net.connect({ host: options.host[0]!, port: options.port[0]!, noDelay: true });
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

// Dates stay ISO strings (YYYY-MM-DD): no timezone shifts between PostgreSQL, Node and the browser.
const dateAsText = { to: 1082, from: [1082], serialize: (x: string) => x, parse: (x: string) => x };

/** Options every pool of the product uses (the local runtime and tests included). */
export function baseOptions(max: number) {
  return {
    onnotice: () => {},
    socket: noDelaySocket,
    types: { date: dateAsText },
    connection: { application_name: 'omslink' },
    max,
  };
}

/** Opens the pool the configuration names: `DATABASE_URL`, or the RDS Proxy endpoint + secret in AWS. */
export async function connect(config: RuntimeConfig): Promise<Sql> {
  if (config.databaseUrl)
    return postgres(config.databaseUrl, baseOptions(config.dbPoolMax)) as unknown as Sql;
  if (!config.dbHost || !config.dbSecretArn) {
    throw new Error('Database is not configured: set DATABASE_URL, or DB_HOST and DB_SECRET_ARN');
  }
  const secret = await readDatabaseSecret(config.dbSecretArn);
  return postgres({
    ...baseOptions(config.dbPoolMax),
    host: config.dbHost,
    port: config.dbPort,
    database: config.dbName,
    username: secret.username,
    password: secret.password,
    ssl: 'require',
    idle_timeout: 60,
  }) as unknown as Sql;
}

let shared: Promise<Sql> | undefined;

/** One pool per process (per Lambda container), opened lazily on first use. */
export function sharedSql(config: RuntimeConfig): Promise<Sql> {
  shared ??= connect(config);
  return shared;
}

export async function closeSharedSql(): Promise<void> {
  if (!shared) return;
  const sql = await shared;
  shared = undefined;
  await sql.end({ timeout: 5 });
}
