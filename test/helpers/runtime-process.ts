import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LocalRuntimeOptions } from '../../infra/local/runtime';

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
  const child = spawn(process.execPath, ['--import', 'tsx', self], {
    cwd: projectRoot,
    env: { ...process.env, OMSLINK_RUNTIME_CHILD: JSON.stringify(options) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr = (stderr + String(d)).slice(-4000);
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += String(d);
      const ready = /^READY (\S+)$/m.exec(out);
      if (ready) resolve(ready[1]!);
    });
    child.once('exit', (code) => reject(new Error(`runtime process exited (${code}): ${stderr}`)));
  });
  return {
    url,
    pid: child.pid!,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    },
  };
}

// The child: start the runtime and report its address; it runs until killed.
if (process.env.OMSLINK_RUNTIME_CHILD && process.argv[1] === self) {
  const { startLocalRuntime } = await import('../../infra/local/runtime');
  const runtime = await startLocalRuntime(
    JSON.parse(process.env.OMSLINK_RUNTIME_CHILD) as LocalRuntimeOptions,
  );
  process.stdout.write(`READY ${runtime.url}\n`);
}
