import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import path from 'node:path';
import PgBoss from 'pg-boss';
import postgres from 'postgres';
import { demoStories } from '../../shared/area-demos';
import { type DemoRegionResult, ensureDemoRegion } from '../../shared/demo/demo-region-writer';
import { type DirectoryLoadResult, loadAllDirectories } from '../../shared/nsi/db/nsi-loader';
import type { DemoStoryResult } from '../../shared/platform/area';
import { readConfig } from '../../shared/platform/config';
import { appDatabaseUrl, enableAppLogin } from '../../shared/platform/db/app-role';
import { baseOptions, type Sql, withConnectionDeadline } from '../../shared/platform/db/connection';
import { migrate } from '../../shared/platform/db/migrate';
import { directoryBlobs } from '../../shared/platform/ports/directory-blobs';
import { localTokenIssuer } from '../../shared/platform/ports/identity';
import { localPeopleDirectory } from '../../shared/platform/ports/local-people-directory';
import {
  createLocalQueues,
  localQueueSchema,
  pgBossQueue,
  queueSessionPrefix,
} from '../../shared/platform/ports/pgboss-queue';
import { type Ports, setPorts } from '../../shared/platform/ports/ports';
import { type LocalPostgres, startEmbeddedPostgres } from './embedded-postgres';
import { createLocalHttpServer } from './http-server';
import { persistentSecret } from './local-secret';
import { projectRoot, resolveDataDir } from './paths';
import { consumerProcess } from './queue-consumer-process';
import { startQueueWorker } from './queue-worker';

export interface LocalRuntimeOptions {
  port?: number;
  /** Where PostgreSQL data, blobs and the local token secret live (default: resolveDataDir()). */
  dataDir?: string;
  /** Any PostgreSQL server instead of the embedded one. */
  databaseUrl?: string;
  demoSeed?: string;
  demoPersons?: number;
  /**
   * Password of the application role (cluster-wide). Default: a random one kept in the data directory; tests
   * sharing one cluster pass the same one.
   */
  appDbPassword?: string;
  /**
   * Send the areas' demo stories (e.g. the hospitalisation story of the last 90 days) in the background after
   * start-up, when the database has none. Default: on, unless OMSLINK_DEMO_FLOWS=0; tests switch it off.
   */
  demoFlows?: boolean;
  /** Test runs: fsync off on the embedded cluster. */
  disposable?: boolean;
  /** Directory of the built web UI. */
  webDist?: string;
  log?: (line: string) => void;
}

export interface LocalRuntime {
  url: string;
  port: number;
  dataDir: string;
  /** The owner's connection (migrations, reference loads, demo generator). */
  databaseUrl: string;
  /** The application role's connection (handlers): row-level security applies to it. */
  appDatabaseUrl: string;
  embedded: boolean;
  /** The embedded PostgreSQL (null with DATABASE_URL): tests stop and start it to lose the database and get it back. */
  embeddedPostgres: LocalPostgres | null;
  migrations: { from: number; to: number; applied: string[] };
  nsi: { loaded: DirectoryLoadResult[]; directories: number; records: number };
  demo: DemoRegionResult;
  timings: Record<string, number>;
  /** The areas' demo stories being sent in the background, one after another (null when switched off). */
  demoFlows: Promise<DemoStoryResult[]> | null;
  /** The queue consumer's process id while it runs (it starts with the first import message). */
  consumerPid(): number | undefined;
  stop(): Promise<void>;
}

/**
 * Starts the whole system on one machine: embedded PostgreSQL (or DATABASE_URL), migrations, reference
 * directories, the demo region, the pg-boss queue worker, the blob directory and the HTTP server that
 * dispatches to the Lambda handlers. `stop()` shuts everything down in reverse order.
 */
export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const log = options.log ?? (() => {});
  const timings: Record<string, number> = {};
  const t0 = performance.now();
  const mark = (name: string, since: number) => {
    timings[name] = Math.round(performance.now() - since);
  };
  const dataDir = options.dataDir ?? resolveDataDir();
  await mkdir(dataDir, { recursive: true });
  const stops: (() => Promise<void>)[] = [];
  let stopping = false;
  const stopAll = async () => {
    stopping = true;
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => {});
  };

  try {
    let pg: LocalPostgres | undefined;
    let databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
    let t = performance.now();
    if (!databaseUrl) {
      log(`Starting embedded PostgreSQL (data: ${path.join(dataDir, 'pgdata')}) …`);
      pg = await startEmbeddedPostgres({
        pgDataDir: path.join(dataDir, 'pgdata'),
        database: 'omslink',
        disposable: options.disposable,
      });
      stops.push(() => pg!.stop());
      databaseUrl = pg.url;
    }
    mark('postgres', t);

    const sql = postgres(databaseUrl, baseOptions(10)) as unknown as Sql;
    stops.push(() => sql.end({ timeout: 5 }));
    t = performance.now();
    const migrations = await migrate(sql);
    mark('migrations', t);

    t = performance.now();
    log('Loading reference directories (НСИ) …');
    const loaded = await loadAllDirectories(sql);
    const [nsiCounts] = await sql<{ directories: number; records: number }[]>`
      select (select count(*) from nsi.directory)::int as directories, (select count(*) from nsi.record)::int as records`;
    mark('nsi', t);

    t = performance.now();
    const demoOptions = {
      seed: options.demoSeed ?? process.env.OMSLINK_DEMO_SEED ?? 'omslink-demo',
      persons: options.demoPersons ?? Number(process.env.OMSLINK_DEMO_PERSONS ?? 50_000),
    };
    log(`Preparing the demo region (seed «${demoOptions.seed}», ${demoOptions.persons} persons) …`);
    const demo = await ensureDemoRegion(sql, demoOptions);
    mark('demo', t);

    // Handlers connect as the application role (NOBYPASSRLS), never as the owner.
    const appPassword =
      options.appDbPassword ??
      process.env.OMSLINK_APP_DB_PASSWORD ??
      (await persistentSecret(path.join(dataDir, 'app-db-password'), 24));
    await enableAppLogin(sql, appPassword);
    const appUrl = appDatabaseUrl(databaseUrl, appPassword);
    const appSql = withConnectionDeadline(postgres(appUrl, baseOptions(10)) as unknown as Sql);
    stops.push(() => appSql.end({ timeout: 5 }));

    t = performance.now();
    // Each runtime's queue connections carry their own name: the worker tells a live neighbour from a dead one.
    const queueSession = `${queueSessionPrefix}-${randomUUID().slice(0, 8)}`;
    const boss = new PgBoss({
      connectionString: databaseUrl,
      schema: localQueueSchema,
      max: 3,
      application_name: queueSession,
    });
    // Ctrl-C in a terminal signals the whole process group: PostgreSQL (our child) gets SIGINT too and ends every
    // session at once, while the ordered stop is still closing pg-boss — whose pool then reports its connections
    // terminated. That is the shutdown, not a fault: pg-boss errors once stopping has begun are not logged.
    boss.on('error', (error: Error) => {
      if (!stopping) console.error(JSON.stringify({ level: 'error', where: 'pg-boss', error: error.name }));
    });
    await boss.start();
    stops.push(() => boss.stop({ graceful: true, wait: true, timeout: 10_000 }));
    await createLocalQueues(boss);
    mark('queue', t);

    const config = { ...readConfig(), databaseUrl };
    const tokens = localTokenIssuer(
      process.env.OMSLINK_JWT_SECRET ?? (await persistentSecret(path.join(dataDir, 'jwt-secret'))),
    );
    // Signs the blob directory's upload URLs, which the local server checks (local-upload-url.ts).
    const uploadSecret =
      process.env.OMSLINK_UPLOAD_SECRET ?? (await persistentSecret(path.join(dataDir, 'upload-secret')));
    // A message sent here wakes the queue worker started below (it polls an empty queue once a second).
    let wakeWorker = () => {};
    const ports: Ports = {
      config,
      sql: async () => appSql,
      queue: pgBossQueue(boss, () => wakeWorker()),
      blobs: directoryBlobs(path.join(dataDir, 'blobs'), { uploadSecret }),
      tokens,
      people: localPeopleDirectory(async () => appSql, tokens),
    };
    setPorts(ports);
    stops.push(async () => setPorts(undefined));
    // The import queue's consumer runs in a process of its own, started at its first message.
    const consumer = consumerProcess({
      appUrl,
      poolMax: 4,
      config,
      blobDir: path.join(dataDir, 'blobs'),
      uploadSecret,
    });
    stops.push(() => consumer.stop());
    // Import jobs left running by a process that died are queued again at once (queue-worker.ts).
    const worker = await startQueueWorker(boss, { session: queueSession, consumer, log });
    wakeWorker = () => worker.wake();
    stops.push(() => worker.stop());

    const server = createLocalHttpServer(ports, options.webDist ?? path.join(projectRoot, 'web', 'dist'), {
      uploadSecret,
    });
    const port = await listen(server, options.port ?? Number(process.env.PORT ?? 3000));
    stops.push(() => closeServer(server));
    mark('total', t0);

    const flowsWanted = options.demoFlows ?? process.env.OMSLINK_DEMO_FLOWS !== '0';
    const flowsStop = new AbortController();
    const demoFlows = flowsWanted
      ? (async () => {
          const results: DemoStoryResult[] = [];
          for (const story of demoStories) {
            if (flowsStop.signal.aborted) break;
            results.push(
              await story.run(sql, {
                seed: demo.seed,
                persons: demo.counts.persons,
                signal: flowsStop.signal,
              }),
            );
          }
          return results;
        })()
      : null;
    // Stopping waits for the package in flight only; the rest completes on the next start (package ids repeat).
    if (demoFlows) {
      demoFlows.catch(() => undefined);
      stops.push(async () => {
        flowsStop.abort();
        await demoFlows.catch(() => undefined);
      });
    }

    return {
      url: `http://localhost:${port}`,
      port,
      dataDir,
      databaseUrl,
      appDatabaseUrl: appUrl,
      embedded: Boolean(pg),
      embeddedPostgres: pg ?? null,
      migrations,
      nsi: { loaded, directories: nsiCounts?.directories ?? 0, records: nsiCounts?.records ?? 0 },
      demo,
      timings,
      demoFlows,
      consumerPid: () => consumer.pid(),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${port} is in use: stop the other process or set PORT to another port.`)
          : error,
      ),
    );
    server.listen(port, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
