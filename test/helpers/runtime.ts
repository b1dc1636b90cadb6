import { chmod, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { inject } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime';
import { testDemo } from '../integration/global-setup';
import { createTestDatabase, type TestDatabase } from './database';

export interface TestRuntime {
  db: TestDatabase;
  runtime: LocalRuntime;
  stop(): Promise<void>;
}

/**
 * The whole local runtime (HTTP server, handlers, pg-boss worker, blob directory) on a fresh clone of the
 * integration template database: what REST and SOAP tests talk to.
 */
export async function startTestRuntime(): Promise<TestRuntime> {
  const db = await createTestDatabase();
  const dataDir = await mkdtemp('/var/tmp/omslink-rt-');
  await chmod(dataDir, 0o755);
  const runtime = await startLocalRuntime({
    databaseUrl: db.url,
    appDbPassword: inject('appDbPassword'),
    dataDir,
    port: 0,
    demoFlows: false,
    demoSeed: testDemo.seed,
    demoPersons: testDemo.persons,
  });
  return {
    db,
    runtime,
    async stop() {
      await runtime.stop();
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The whole local runtime on its own embedded PostgreSQL (fsync off), not on the shared test cluster: a test may
 * stop and start that server (`runtime.embeddedPostgres`) to lose the database and get it back. Slower to start
 * than `startTestRuntime` (initdb, migrations, НСИ and a small demo region: ~15–30 s).
 */
export async function startRuntimeWithOwnDatabase(
  options: { demoPersons?: number } = {},
): Promise<{ runtime: LocalRuntime; stop(): Promise<void> }> {
  const dataDir = await mkdtemp(path.join(process.env.OMSLINK_TEST_TMP ?? '/var/tmp', 'omslink-own-db-'));
  // mkdtemp makes 0700; as root, PostgreSQL runs as the OS user postgres, which must traverse it.
  await chmod(dataDir, 0o755);
  try {
    const runtime = await startLocalRuntime({
      dataDir,
      port: 0,
      demoFlows: false,
      demoSeed: testDemo.seed,
      demoPersons: options.demoPersons ?? 300,
      disposable: true,
    });
    return {
      runtime,
      async stop() {
        await runtime.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** Signs a demo user in through REST and returns the session token (demo passwords equal user names). */
export async function signInToken(baseUrl: string, username: string, password = username): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${username} answered ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

export interface ApiAnswer {
  status: number;
  type: string;
  // biome-ignore lint/suspicious/noExplicitAny: test assertions read arbitrary JSON
  body: any;
  text: string;
  /** The `x-request-id` the audit log records for this call. */
  requestId: string | null;
}

/** Calls the REST API with an optional bearer token and JSON body; parses JSON answers. */
export async function callApi(
  baseUrl: string,
  pathname: string,
  init: RequestInit & { token?: string; json?: unknown } = {},
): Promise<ApiAnswer> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(init.json);
  }
  const res = await fetch(`${baseUrl}${pathname}`, { ...init, headers, body });
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  return {
    status: res.status,
    type,
    body: type.includes('json') && text ? JSON.parse(text) : null,
    text,
    requestId: res.headers.get('x-request-id'),
  };
}
