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

/** The queue consumer's Lambda timeout: a bulk file may need the full 15 minutes. */
export const importConsumerTimeout = Duration.minutes(15);

/**
 * The import queue's visibility timeout, derived from the consumer's timeout so the two cannot drift: longer,
 * so a message never becomes visible again while its Lambda still runs (Lambda also refuses an event source whose
 * function timeout exceeds it), by 5 minutes for an invocation the event source retries after a throttle; and
 * not much longer, so a file whose consumer died (out of memory, timed out) is delivered again within 20
 * minutes, not 90. The local runtime's twin is the pg-boss lease (shared/platform/ports/pgboss-queue.ts).
 */
export const importVisibilityTimeout = importConsumerTimeout.plus(Duration.minutes(5));

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
    // Not the six times the function timeout AWS suggests for throttled batches: the event source below takes
    // one message per invocation and at most five at once (maximum concurrency), so it does not receive messages
    // it cannot invoke for, and six times would leave a crashed consumer's file `processing` for 90 minutes.
    this.importQueue = new Queue(this, 'ImportQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: importVisibilityTimeout,
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
        timeout: importConsumerTimeout,
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
