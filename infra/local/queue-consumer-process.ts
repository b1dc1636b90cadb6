import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { RuntimeConfig } from '../../shared/platform/config';
import { projectRoot } from './paths';

/** What the consumer process needs to build its ports (the job ports: config, sql, blobs). */
export interface ConsumerInit {
  appUrl: string;
  poolMax: number;
  config: RuntimeConfig;
  blobDir: string;
  uploadSecret: string;
}

export interface ConsumerRequest {
  id: number;
  requestId: string;
  event: SQSEvent;
}

export type ConsumerReply =
  | { ready: true }
  | { id: number; result: SQSBatchResponse | null }
  | { id: number; error: string };

/** The local queue consumer in a process of its own (queue-consumer-child.ts), started at its first message. */
export interface ConsumerProcess {
  /** Runs the consumer on one event; rejects when the process dies meanwhile (the job is then retried). */
  invoke(event: SQSEvent, requestId: string): Promise<SQSBatchResponse | undefined>;
  /** The process's id while it runs (the bench reads its peak memory). */
  pid(): number | undefined;
  /** Ends the process at once (SIGKILL): a job still running is rolled back by PostgreSQL. */
  stop(): Promise<void>;
}

const childEntry = path.join(projectRoot, 'infra', 'local', 'queue-consumer-child.ts');

/**
 * The consumer process runs with V8's own heap sizing, no `--max-old-space-size` or `--max-semi-space-size`. Any
 * old-space limit (256, 384, 512, even 1,024 MiB) lowers V8's heap growing factor, and an import that keeps a few
 * batches of records alive then runs a full mark-compact every 100 ms: at 200,000 cases, 102–256 of them against
 * 16–18 without a limit, and 25–38 s of Node CPU against 17–28 s (256 MiB with a 64 MiB semi-space, the earlier
 * setting, was the worst). Peak RSS without flags is 250–257 MiB in the same harness; a 64 MiB semi-space saved
 * scavenges but not CPU and took the peak to 333–336 MiB.
 */
export function consumerProcess(init: ConsumerInit): ConsumerProcess {
  let child: ChildProcess | undefined;
  let ready: Promise<ChildProcess> | undefined;
  let next = 0;
  const waiting = new Map<
    number,
    { resolve: (r: SQSBatchResponse | undefined) => void; reject: (e: Error) => void }
  >();

  const start = (): Promise<ChildProcess> => {
    const started = fork(childEntry, [], {
      cwd: projectRoot,
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, OMSLINK_CONSUMER: JSON.stringify(init) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child = started;
    started.on('message', (message: ConsumerReply) => {
      if ('ready' in message) return;
      const call = waiting.get(message.id);
      waiting.delete(message.id);
      if (!call) return;
      if ('error' in message)
        call.reject(Object.assign(new Error('queue consumer failed'), { name: message.error }));
      else call.resolve(message.result ?? undefined);
    });
    started.on('exit', (code, signal) => {
      if (child === started) {
        child = undefined;
        ready = undefined;
      }
      const died = Object.assign(new Error(`queue consumer process ended (${signal ?? code})`), {
        name: 'ConsumerExited',
      });
      for (const call of waiting.values()) call.reject(died);
      waiting.clear();
    });
    return new Promise((resolve, reject) => {
      const onMessage = (message: ConsumerReply) => {
        if (!('ready' in message)) return;
        started.off('exit', onExit);
        started.off('message', onMessage);
        resolve(started);
      };
      const onExit = (code: number | null) =>
        reject(new Error(`queue consumer process did not start (${code})`));
      started.on('message', onMessage);
      started.once('exit', onExit);
    });
  };

  return {
    async invoke(event, requestId) {
      ready ??= start();
      const running = await ready;
      const id = ++next;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        running.send({ id, requestId, event } satisfies ConsumerRequest);
      });
    },
    pid: () => child?.pid,
    async stop() {
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = once(running, 'exit');
      running.kill('SIGKILL');
      await exited;
    },
  };
}
