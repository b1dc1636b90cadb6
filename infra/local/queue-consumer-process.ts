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
 * Old-space limit of the consumer process, MiB. The imports stream: what a job holds at once is a batch of records
 * with their checks and a file's protocol (tens of MiB); the rest is garbage, which V8 otherwise let grow to a few
 * hundred MiB before collecting it (the registry bench: 169–221 MiB added to the process per import without a
 * limit; 22–69 MiB with it, peak 175–182 MiB).
 */
const consumerHeapMiB = 256;

/**
 * Young-generation semi-space, MiB. A registry import parses a few hundred MB of XML into short-lived objects;
 * with V8's default (16 MiB) so many survive a scavenge that collecting them took a sixth of the import's CPU
 * (200,000 cases: 22-25 s of Node CPU with the default, 18 s with 64 MiB).
 */
const consumerSemiSpaceMiB = 64;

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
      execArgv: [
        '--import',
        'tsx',
        `--max-old-space-size=${consumerHeapMiB}`,
        `--max-semi-space-size=${consumerSemiSpaceMiB}`,
      ],
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
