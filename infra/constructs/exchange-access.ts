import { Aws, Validations } from 'aws-cdk-lib';
import { Effect, type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IConstruct } from 'constructs';
import type { FunctionSpec } from '../../functions/manifest';

export type ExchangeBucketPurpose = 'inbox' | 'exports';

/**
 * Physical bucket names, one pair per account and region. Fixed names let a consumer stack write the object ARN
 * (`arn:…:s3:::omslink-inbox-<account>-<region>/*`) from its own pseudo parameters: no cross-stack token inside
 * IAM policies, and a stable, readable cdk-nag finding for the one wildcard object-level access needs.
 */
export function exchangeBucketName(purpose: ExchangeBucketPurpose): string {
  return `omslink-${purpose}-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
}

function objectsArn(purpose: ExchangeBucketPurpose): string {
  return `arn:${Aws.PARTITION}:s3:::${exchangeBucketName(purpose)}/*`;
}

function bucketArn(purpose: ExchangeBucketPurpose): string {
  return `arn:${Aws.PARTITION}:s3:::${exchangeBucketName(purpose)}`;
}

/** The cdk-nag IAM5 finding raised by `objectsArn(purpose)` in a policy. */
function objectsFinding(purpose: ExchangeBucketPurpose): string {
  return `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::omslink-${purpose}-<AWS::AccountId>-<AWS::Region>/*]`;
}

/** The stores the functions exchange files and messages through (shared/config.ts names them). */
export interface ExchangeStores {
  readonly importQueue: IQueue;
  readonly inboxBucket: IBucket;
  readonly exportsBucket: IBucket;
}

export function exchangeEnvironment(stores: ExchangeStores): Record<string, string> {
  return {
    IMPORT_QUEUE_URL: stores.importQueue.queueUrl,
    INBOX_BUCKET: stores.inboxBucket.bucketName,
    EXPORTS_BUCKET: stores.exportsBucket.bucketName,
  };
}

type Grantee = IGrantable & IConstruct;

/**
 * Least privilege per function kind, with exact actions (no `s3:Get*`-style wildcards):
 * - rest/soap: presign uploads into the inbox, presign downloads from the exports, enqueue import work; read
 *   the inbox and list it (an uploaded package's size and SHA-256 are checked when it is registered; without
 *   ListBucket S3 answers a missing key with 403 instead of 404);
 * - queue (the import consumer): read the inbox, write protocols into the exports, re-enqueue a continuation;
 * - ops (migrate): nothing beyond the database.
 */
export function grantExchangeAccess(
  grantee: Grantee,
  kind: FunctionSpec['kind'],
  stores: ExchangeStores,
): void {
  switch (kind) {
    case 'rest':
    case 'soap':
      grantObjectWrite(grantee, 'inbox', stores.inboxBucket);
      grantObjectRead(grantee, 'inbox', stores.inboxBucket);
      addStatement(grantee, ['s3:ListBucket'], [bucketArn('inbox')]);
      grantObjectRead(grantee, 'exports', stores.exportsBucket);
      stores.importQueue.grantSendMessages(grantee);
      return;
    case 'queue':
      grantObjectRead(grantee, 'inbox', stores.inboxBucket);
      grantObjectWrite(grantee, 'exports', stores.exportsBucket);
      stores.importQueue.grantSendMessages(grantee);
      return;
    case 'ops':
      return;
  }
}

function grantObjectRead(grantee: Grantee, purpose: ExchangeBucketPurpose, bucket: IBucket): void {
  addStatement(grantee, ['s3:GetObject'], [objectsArn(purpose)]);
  if (bucket.encryptionKey) addStatement(grantee, ['kms:Decrypt'], [bucket.encryptionKey.keyArn]);
  acknowledgeObjectWildcard(grantee, purpose);
}

function grantObjectWrite(grantee: Grantee, purpose: ExchangeBucketPurpose, bucket: IBucket): void {
  addStatement(grantee, ['s3:PutObject', 's3:AbortMultipartUpload'], [objectsArn(purpose)]);
  // Multipart uploads into an SSE-KMS bucket need Decrypt as well as GenerateDataKey.
  if (bucket.encryptionKey) {
    addStatement(grantee, ['kms:GenerateDataKey', 'kms:Decrypt'], [bucket.encryptionKey.keyArn]);
  }
  acknowledgeObjectWildcard(grantee, purpose);
}

function acknowledgeObjectWildcard(grantee: Grantee, purpose: ExchangeBucketPurpose): void {
  Validations.of(grantee).acknowledge({
    id: objectsFinding(purpose),
    reason: `Object keys are chosen per package at run time; the grant is limited to objects of the ${purpose} bucket.`,
  });
}

function addStatement(grantee: IGrantable, actions: string[], resources: string[]): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({ effect: Effect.ALLOW, actions, resources }),
  );
}
