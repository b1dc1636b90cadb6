import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Key } from 'aws-cdk-lib/aws-kms';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { HttpMethods, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { queueFunctions } from '../../functions/manifest';
import { exchangeBucketName, exchangeEnvironment, grantExchangeAccess } from '../constructs/exchange-access';
import { type DatabaseAccess, OmsFunction } from '../constructs/oms-function';
import { AccessLogsBucket, SecureBucket } from '../constructs/secure-bucket';
import { acknowledgeCdkSingletonHandler } from './nag-checks';

/** How many times a message is received before SQS moves it to the dead-letter queue. */
export const importMaxReceiveCount = 5;

export interface ImportStackProps extends StackProps {
  readonly database: DatabaseAccess;
  readonly exportsBucket: IBucket;
  /** Where functions/ and shared/ are read from; the repository root by default. */
  readonly projectRoot?: string;
}

/**
 * Bulk file intake: a package uploaded (presigned PUT) into the inbox bucket raises an S3 object-created
 * notification on the import queue; the consumer streams it into PostgreSQL and reports per-message failures
 * (`batchItemFailures`); a message that keeps failing lands in the dead-letter queue after five receives.
 */
export class ImportStack extends Stack {
  readonly inboxBucket: SecureBucket;
  readonly importQueue: Queue;
  readonly deadLetterQueue: Queue;
  readonly consumers: OmsFunction[] = [];

  constructor(scope: Construct, id: string, props: ImportStackProps) {
    super(scope, id, props);

    const key = new Key(this, 'InboxKey', {
      description: 'omslink: inbox of uploaded exchange packages',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const accessLogs = new AccessLogsBucket(this, 'AccessLogs');
    this.inboxBucket = new SecureBucket(this, 'InboxBucket', {
      bucketName: exchangeBucketName('inbox'),
      accessLogs,
      encryptionKey: key,
      // Browsers upload with a presigned PUT from the web origin; the signature is the credential.
      cors: [
        { allowedMethods: [HttpMethods.PUT], allowedOrigins: ['*'], allowedHeaders: ['*'], maxAge: 3600 },
      ],
    });

    this.deadLetterQueue = new Queue(this, 'ImportDeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    // A file may take the consumer's full 15 minutes; SQS advises a visibility timeout of six times that, so
    // a message is not handed out again while a (possibly throttled) invocation still works on it.
    this.importQueue = new Queue(this, 'ImportQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.minutes(90),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: importMaxReceiveCount },
    });

    // No bucket notification: the route that accepts a file registers it and enqueues a message naming who sent
    // it (the consumer acts with that caller's rights); a raw S3 event carries no caller and would dead-letter.

    const stores = {
      importQueue: this.importQueue,
      inboxBucket: this.inboxBucket,
      exportsBucket: props.exportsBucket,
    };
    for (const spec of queueFunctions) {
      const consumer = new OmsFunction(this, spec.name, {
        spec,
        database: props.database,
        environment: exchangeEnvironment(stores),
        projectRoot: props.projectRoot,
      });
      grantExchangeAccess(consumer, spec.kind, stores);
      // One file per invocation; at most five files at once, so bulk loads cannot exhaust the RDS Proxy.
      consumer.addEventSource(
        new SqsEventSource(this.importQueue, {
          batchSize: 1,
          reportBatchItemFailures: true,
          maxConcurrency: 5,
        }),
      );
      this.consumers.push(consumer);
    }

    // CDK's singleton Lambda that writes the bucket notification configuration (deploy time).
    acknowledgeCdkSingletonHandler(
      this,
      'BucketNotificationsHandler050a0587b7544547bf325f094a3db834',
      'bucket-notifications',
      's3:PutBucketNotification',
    );
  }
}
