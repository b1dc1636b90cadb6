import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * A server in its own process (a load generator must not share its event loop; a test may kill it as the OS
 * would): its URL, its pid and a stop with the signal of choice.
 */
export interface ChildServer {
  url: string;
  pid: number;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `script` (a .ts file run by tsx, relative to the project root) and waits for its `READY <url>` line. */
export async function startChild(script: string, env: Record<string, string>): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve(root, script)], {
    cwd: root,
    env: { ...process.env, ...env },
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
      // The file imports' phase timings (one JSON line each), shown where the caller asks (the benchmarks).
      if (process.env.OMSLINK_SHOW_IMPORT_PHASES) {
        for (const line of String(d).split('\n'))
          if (line.includes('"where":"file-import"')) console.log(line);
      }
    });
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}): ${stderr}`)));
  });
  return {
    url,
    pid: child.pid!,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill(signal);
      await exited;
    },
  };
}
