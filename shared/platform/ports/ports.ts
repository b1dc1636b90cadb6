import { type RuntimeConfig, readConfig } from '../config';
import { type Sql, sharedSql } from '../db/connection';
import type { BlobPort } from './blobs';
import type { TokenIssuer } from './identity';
import type { PeopleDirectory } from './people-directory';
import type { QueuePort } from './queue';

/** Everything a handler reaches outside its own code. Chosen once per process from configuration. */
export interface Ports {
  config: RuntimeConfig;
  sql(): Promise<Sql>;
  queue: QueuePort;
  blobs: BlobPort;
  /** Issues and verifies session tokens (local issuer; Cognito issues them in AWS, where this is null). */
  tokens: TokenIssuer | null;
  /** People's passwords and sign-in: auth.account hashes + local issuer, or the Cognito user pool in AWS. */
  people: PeopleDirectory;
}

/** The ports whose AWS adapter a function must declare; `config`, `sql` and `tokens` every function has. */
export type AdapterPort = 'queue' | 'blobs' | 'people';

/**
 * How a function gets one port in AWS: `create` runs at the port's first use. Each adapter module exports its
 * own (`sqsQueueAdapter`, `s3BlobsAdapter`, `cognitoPeopleAdapter`), so a function's bundle holds exactly the
 * adapters its entry names, and the local adapters (pg-boss, the blob directory) stay out of every bundle.
 */
export interface AwsAdapter<P extends AdapterPort = AdapterPort> {
  readonly port: P;
  create(config: RuntimeConfig): Ports[P];
}

/** The ports every function has, whatever it declared. */
export type BasePorts = Pick<Ports, 'config' | 'sql' | 'tokens'>;

/** What a handler declaring `adapters` may use: the always-present ports plus the declared ones. */
export type PortsWith<A extends readonly AwsAdapter[]> = BasePorts & Pick<Ports, A[number]['port']>;

const declared = new Map<AdapterPort, AwsAdapter>();
let current: Ports | undefined;

/** The local runtime and tests install their ports (embedded PostgreSQL, pg-boss, blob directory) here. */
export function setPorts(ports: Ports | undefined): void {
  current = ports;
}

/**
 * Names the AWS adapters a function uses (its entry does, e.g. `restHandler({ adapters: [...] })`). Ports set
 * with `setPorts` (local runtime, tests) are used as they are; the declaration only matters in AWS.
 */
export function declareAdapters(adapters: readonly AwsAdapter[]): void {
  for (const adapter of adapters) declared.set(adapter.port, adapter);
}

export function getPorts(): Ports {
  current ??= awsPorts(readConfig());
  return current;
}

/**
 * The AWS ports: the database at once, every other port from its declared adapter at first use. A port used but
 * never declared fails that call with a message naming it (the handler types prevent it for REST handlers).
 */
function awsPorts(config: RuntimeConfig): Ports {
  const made = new Map<AdapterPort, unknown>();
  const adapted = <P extends AdapterPort>(port: P): Ports[P] => {
    if (!made.has(port)) {
      const adapter = declared.get(port);
      if (!adapter) {
        throw new Error(`This function declared no AWS adapter for the ${port} port (see declareAdapters)`);
      }
      made.set(port, adapter.create(config));
    }
    return made.get(port) as Ports[P];
  };
  return {
    config,
    sql: () => sharedSql(config),
    tokens: null,
    get queue() {
      return adapted('queue');
    },
    get blobs() {
      return adapted('blobs');
    },
    get people() {
      return adapted('people');
    },
  };
}
