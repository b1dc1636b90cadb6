import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { synthesizeTestApp, type TestAppFacts, type TestAppFailure } from './synthesize';
import { type TestAppName, testApps } from './test-apps';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test apps of test/infra/test-apps.ts, synthesized once per run (see omslink-app.ts). */
    infraApps: Record<TestAppName, TestAppFacts | TestAppFailure>;
  }
}

/**
 * Synthesizes every test app of the infra project once per run, one after the other, into a temporary directory
 * (a cloud assembly each); test files only read them. A global setup has no hook time-out: a slow synth on a
 * loaded machine delays the run, it cannot fail it.
 */
export default async function setup(project: TestProject) {
  const root = await mkdtemp(path.join(tmpdir(), 'omslink-infra-'));
  try {
    const apps = {} as Record<TestAppName, TestAppFacts | TestAppFailure>;
    for (const name of Object.keys(testApps) as TestAppName[]) {
      const started = performance.now();
      try {
        apps[name] = synthesizeTestApp(name, path.join(root, name));
      } catch (error) {
        // Only the test files reading this app fail (in their beforeAll), with this error.
        apps[name] = {
          name,
          failure: error instanceof Error ? (error.stack ?? error.message) : String(error),
        };
      }
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(
        `infra: ${'failure' in apps[name] ? 'FAILED to synthesize' : 'synthesized'} ${name} in ${seconds} s`,
      );
    }
    project.provide('infraApps', apps);
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
  return async () => {
    await rm(root, { recursive: true, force: true });
  };
}
