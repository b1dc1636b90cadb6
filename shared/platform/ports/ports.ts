import { type RuntimeConfig, readConfig } from '../config';
import { type Sql, sharedSql } from '../db/connection';
import type { BlobPort } from './blobs';
import { cognitoPeopleDirectory } from './cognito-people-directory';
import { localTokenIssuer, type TokenIssuer } from './identity';
import { localPeopleDirectory } from './local-people-directory';
import type { PeopleDirectory } from './people-directory';
import type { QueuePort } from './queue';
import { s3Blobs } from './s3-blobs';
import { sqsQueue } from './sqs-queue';

/** Everything a handler reaches outside its own code. Chosen once per process from configuration. */
export interface Ports {
  config: RuntimeConfig;
  sql(): Promise<Sql>;
  queue: QueuePort;
  blobs: BlobPort;
  /** Issues and verifies session tokens (local issuer; Cognito issues them in AWS). */
  tokens: TokenIssuer | null;
  /** People's passwords and sign-in: auth.account hashes + local issuer, or the Cognito user pool in AWS. */
  people: PeopleDirectory;
}

let current: Ports | undefined;

/** The local runtime and tests install their ports (embedded PostgreSQL, pg-boss, blob directory) here. */
export function setPorts(ports: Ports | undefined): void {
  current = ports;
}

export function getPorts(): Ports {
  current ??= awsPorts(readConfig());
  return current;
}

function awsPorts(config: RuntimeConfig): Ports {
  if (!config.importQueueUrl || !config.inboxBucket || !config.exportsBucket) {
    throw new Error('AWS ports need IMPORT_QUEUE_URL, INBOX_BUCKET and EXPORTS_BUCKET');
  }
  const sql = () => sharedSql(config);
  const tokens = config.localJwtSecret ? localTokenIssuer(config.localJwtSecret) : null;
  return {
    config,
    sql,
    queue: sqsQueue(config.importQueueUrl, process.env.IMPORT_DLQ_URL),
    blobs: s3Blobs({ inbox: config.inboxBucket, exports: config.exportsBucket }),
    tokens,
    people: tokens
      ? localPeopleDirectory(sql, tokens)
      : cognitoPeopleDirectory({ userPoolId: config.cognitoUserPoolId, clientId: config.cognitoClientId }),
  };
}
