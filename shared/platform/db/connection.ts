import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import net from 'node:net';
import postgres from 'postgres';
import type { RuntimeConfig } from '../config';
import { readDatabaseSecret } from './database-secret';

export type Sql = postgres.Sql;
/** A transaction handle (`sql.begin(tx => …)`): inside a transaction use it, never the outer `sql`. */
export type Tx = postgres.TransactionSql;
export type Db = Sql | Tx;

/** One connection attempt may take this long (postgres.js `connect_timeout`, seconds). */
export const connectTimeoutSeconds = 3;

/** A transaction waits at most this long for its connection while the database cannot be reached (ms). */
export const connectionWaitMs = 3_000;

/** Per server: connects in progress and when one last succeeded or failed (performance.now()). */
interface Reachability {
  connecting: number;
  connectedAt: number;
  failedAt: number;
}
const servers = new Map<string, Reachability>();

function serverKey(options: { host: string[]; port: number[]; path?: string }): string {
  return options.path || `${options.host[0]}:${options.port[0]}`;
}

function reachability(key: string): Reachability {
  const known = servers.get(key);
  if (known) return known;
  const r = { connecting: 0, connectedAt: 0, failedAt: 0 };
  servers.set(key, r);
  return r;
}

/** Is a connect to this server in progress, or did the last one fail? Then nobody should wait long for it. */
function unreachable(key: string): boolean {
  const r = reachability(key);
  return r.connecting > 0 || r.failedAt > r.connectedAt;
}

/**
 * What postgres.js gets for a connect that failed: a socket that fails the way a broken one does. postgres.js
 * treats a socket from `options.socket` as connected and writes its startup message to it; on that write this
 * one emits the connect error and then `close`, so postgres.js rejects the query waiting for the connection and
 * puts the pool slot back (closed, to be connected again), exactly as for its own socket. (Rejecting the
 * factory's promise instead skips postgres.js's close handling: the slot stays «connecting» for good, and after
 * `max` refusals every query waits forever — the pool never recovered.) The events are emitted a macrotask
 * after the write, when postgres.js has flushed its write buffer: a close while a write is still scheduled
 * would leave that connection unable to write again.
 */
class FailedSocket extends EventEmitter {
  readonly readyState = 'closed';
  private failing = false;

  constructor(private readonly error: Error) {
    super();
  }

  write(_chunk: unknown, callback?: (error?: Error) => void): boolean {
    this.fail();
    if (callback) setImmediate(() => callback(this.error));
    return false;
  }

  end(): this {
    this.fail();
    return this;
  }

  destroy(): this {
    this.fail();
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  pause(): this {
    return this;
  }

  resume(): this {
    return this;
  }

  private fail(): void {
    if (this.failing) return;
    this.failing = true;
    setImmediate(() => {
      this.emit('error', this.error);
      this.emit('close', true);
    });
  }
}

/** Where a PostgreSQL on this machine keeps its Unix socket (its default `unix_socket_directories`). */
export const localSocketDirectory = '/tmp';

/**
 * The Unix socket of the PostgreSQL behind a loopback address, when this machine has one for that port (the
 * embedded server of the local runtime and the tests does): a round trip through it costs about 30 % less time
 * and client CPU than through loopback TCP (0.16 against 0.22 ms for a one-statement transaction, measured here).
 * Anything else — Aurora through RDS Proxy — goes over TCP.
 */
function localSocket(host: string, port: number): string | undefined {
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') return undefined;
  const path = `${localSocketDirectory}/.s.PGSQL.${port}`;
  return existsSync(path) ? path : undefined;
}

/**
 * postgres.js opens sockets with Nagle's algorithm on; a transaction's BEGIN and first query then wait for the
 * server's delayed ACK: ~44 ms per `sql.begin` and per COPY on loopback, 0.5 ms with TCP_NODELAY (measured here).
 * The factory answers a connected socket, or a `FailedSocket` carrying the connect error; it never rejects.
 */
function noDelaySocket(options: {
  host: string[];
  port: number[];
  path?: string;
  connect_timeout?: number;
}): Promise<net.Socket> {
  const r = reachability(serverKey(options));
  r.connecting += 1;
  return new Promise((resolve) => {
    const path = options.path || localSocket(options.host[0]!, options.port[0]!);
    const socket = path
      ? net.connect({ path })
      : net.connect({ host: options.host[0]!, port: options.port[0]!, noDelay: true });
    const settle = (error?: Error) => {
      clearTimeout(timer);
      socket.off('connect', onConnect);
      socket.off('error', onError);
      if (error) {
        r.connecting -= 1;
        r.failedAt = performance.now();
        socket.destroy();
        resolve(new FailedSocket(error) as unknown as net.Socket);
        return;
      }
      // Still connecting until the server first answers (it says nothing before postgres.js's first message);
      // closed before that, or soon after (refused at start-up: starting up, shutting down): not reached.
      const openedAt = performance.now();
      let answered = false;
      socket.once('data', () => {
        answered = true;
        r.connecting -= 1;
        r.connectedAt = performance.now();
      });
      socket.once('close', () => {
        const now = performance.now();
        if (!answered) r.connecting -= 1;
        if (!answered || now - openedAt < connectTimeoutSeconds * 1000) r.failedAt = now;
      });
      resolve(socket);
    };
    const onConnect = () => settle();
    const onError = (error: Error) => settle(error);
    // postgres.js starts its own connect_timeout only after the factory answers: this one covers the TCP connect.
    const timer = setTimeout(
      () =>
        settle(Object.assign(new Error('Connection to the database timed out'), { code: 'CONNECT_TIMEOUT' })),
      (options.connect_timeout ?? connectTimeoutSeconds) * 1000,
    );
    socket.once('connect', onConnect);
    socket.once('error', onError);
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
    connect_timeout: connectTimeoutSeconds,
    // A slot connects again after a failure 50 ms later, doubling up to 0.5 s (with jitter). postgres.js's default
    // grows to 20 s: a pool that saw an outage took that long to notice the database was back, and every query
    // queued behind the failing slots waited as long for its turn.
    backoff: (retries: number) => (0.5 + Math.random() / 2) * Math.min(0.05 * 2 ** retries, 0.5),
  };
}

function connectionWaitTimeout(): Error {
  return Object.assign(new Error('No database connection within the wait limit'), {
    name: 'ConnectionWaitTimeout',
    code: 'CONNECTION_WAIT_TIMEOUT',
  });
}

/**
 * The pool of request handlers: `sql.begin` waits at most `waitMs` for its connection while the database cannot
 * be reached (a connect in progress or the last one failed), then fails with CONNECTION_WAIT_TIMEOUT — a 503 for
 * the caller (shared/platform/db/db-errors.ts). A transaction that gets its connection after that rolls back at
 * once, so nothing the caller was refused is stored. While the database answers, a busy pool is waited for as
 * before. Plain queries wait for one connect at most (`connect_timeout`): a refused or failed connect releases its
 * slot and fails the query.
 */
export function withConnectionDeadline(sql: Sql, waitMs = connectionWaitMs): Sql {
  const key = serverKey(sql.options as unknown as { host: string[]; port: number[]; path?: string });
  const begin = (...args: unknown[]): Promise<unknown> => {
    const fn = args.pop() as (tx: Tx) => unknown;
    let started = false;
    let abandoned = false;
    let timer: NodeJS.Timeout | undefined;
    return new Promise((resolve, reject) => {
      const arm = () => {
        timer = setTimeout(() => {
          if (started) return;
          if (!unreachable(key)) return arm();
          abandoned = true;
          reject(connectionWaitTimeout());
        }, waitMs);
      };
      arm();
      const run = (tx: Tx) => {
        started = true;
        clearTimeout(timer);
        if (abandoned) throw connectionWaitTimeout();
        return fn(tx);
      };
      const original = sql.begin as unknown as (...a: unknown[]) => Promise<unknown>;
      original(...args, run)
        .then(resolve, reject)
        .finally(() => clearTimeout(timer));
    });
  };
  return new Proxy(sql, {
    get: (target, property) => (property === 'begin' ? begin : Reflect.get(target, property)),
  });
}

/** Opens the pool the configuration names: `DATABASE_URL`, or the RDS Proxy endpoint + secret in AWS. */
export async function connect(config: RuntimeConfig): Promise<Sql> {
  if (config.databaseUrl)
    return withConnectionDeadline(
      postgres(config.databaseUrl, baseOptions(config.dbPoolMax)) as unknown as Sql,
    );
  if (!config.dbHost || !config.dbSecretArn) {
    throw new Error('Database is not configured: set DATABASE_URL, or DB_HOST and DB_SECRET_ARN');
  }
  const secret = await readDatabaseSecret(config.dbSecretArn);
  const sql = postgres({
    ...baseOptions(config.dbPoolMax),
    host: config.dbHost,
    port: config.dbPort,
    database: config.dbName,
    username: secret.username,
    password: secret.password,
    ssl: 'require',
    idle_timeout: 60,
  }) as unknown as Sql;
  return withConnectionDeadline(sql);
}

let shared: Promise<Sql> | undefined;

/** One pool per process (per Lambda container), opened lazily on first use; a failed opening is tried again. */
export function sharedSql(config: RuntimeConfig): Promise<Sql> {
  shared ??= connect(config).catch((error: unknown) => {
    shared = undefined;
    throw error;
  });
  return shared;
}

export async function closeSharedSql(): Promise<void> {
  if (!shared) return;
  const sql = await shared;
  shared = undefined;
  await sql.end({ timeout: 5 });
}
