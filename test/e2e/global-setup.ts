import { chmod, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalRuntime } from '../../infra/local/runtime';
import { ensureWebBuild } from '../../infra/local/start.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** Starts the whole local runtime once (its own embedded PostgreSQL and data) for the browser tests. */
export default async function setup(project: TestProject) {
  ensureWebBuild();
  const dataDir = await mkdtemp(path.join(process.env.OMSLINK_TEST_TMP ?? '/var/tmp', 'omslink-e2e-'));
  // mkdtemp makes 0700; as root, PostgreSQL runs as the OS user postgres, which must traverse it.
  await chmod(dataDir, 0o755);
  const runtime = await startLocalRuntime({
    dataDir,
    port: 0,
    demoFlows: false,
    demoPersons: 3_000,
    demoSeed: 'omslink-e2e',
    disposable: true,
  });
  project.provide('baseUrl', runtime.url);
  return async () => {
    await runtime.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
