import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LocalRuntimeOptions } from '../../infra/local/runtime';
import { startChild } from './child-server';

/**
 * The local runtime in a child process, for tests that kill it as an operator or the OS would (SIGKILL): no
 * graceful stop, its database connections simply vanish. The child is this file run by tsx.
 */
export interface RuntimeProcess {
  url: string;
  pid: number;
  /** SIGKILL, and wait until the process is gone. */
  kill(): Promise<void>;
}

const self = fileURLToPath(import.meta.url);
const projectRoot = path.resolve(path.dirname(self), '../..');

export async function startRuntimeProcess(options: LocalRuntimeOptions): Promise<RuntimeProcess> {
  const child = await startChild(path.relative(projectRoot, self), {
    OMSLINK_RUNTIME_CHILD: JSON.stringify(options),
  });
  return { url: child.url, pid: child.pid, kill: () => child.stop('SIGKILL') };
}

// The child: start the runtime and report its address; it runs until killed.
if (process.env.OMSLINK_RUNTIME_CHILD && process.argv[1] === self) {
  const { startLocalRuntime } = await import('../../infra/local/runtime');
  const runtime = await startLocalRuntime(
    JSON.parse(process.env.OMSLINK_RUNTIME_CHILD) as LocalRuntimeOptions,
  );
  process.stdout.write(`READY ${runtime.url}\n`);
}
