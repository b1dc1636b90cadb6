import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CfnElement, CustomResource, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Provider } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { repositoryRoot } from './project-paths';

export interface MigrationRunnerProps {
  /** The `migrate` ops function of the manifest (an OmsFunction with the migrations bundled next to it). */
  readonly migrate: LambdaFunction;
  /**
   * The application role's secret, whose password the migrate function gives to `omslink_app`. Its ARN is a
   * property of the custom resource, so a replaced secret (a new ARN) runs the function again.
   */
  readonly appSecret: ISecret;
  /** Where shared/platform/db/migrations lives; the repository root by default. */
  readonly projectRoot?: string;
}

/** SHA-256 over the names and contents of the SQL migrations, in name order. */
export function migrationsFingerprint(projectRoot: string = repositoryRoot): string {
  const dir = join(projectRoot, 'shared', 'platform', 'db', 'migrations');
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).sort()) {
    hash
      .update(name)
      .update('\0')
      .update(readFileSync(join(dir, name)))
      .update('\0');
  }
  return hash.digest('hex');
}

/**
 * Runs the `migrate` function during the deployment of the data stack, through a custom resource, so the schema
 * is current before the API and import stacks (which depend on it) are updated. A failed migration fails the
 * deployment and CloudFormation rolls back.
 *
 * CloudFormation invokes a custom resource only when its properties change, so the resource carries the
 * fingerprint of the migration files, the version of the migrate code and the ARN of the application secret:
 * every deployment that brings a new migration, a changed migrate function or a new application secret runs it;
 * deployments that change none have nothing to apply (postgrator would find every migration applied, and the
 * application role already has the secret's password), and the template stays deterministic.
 */
export class MigrationRunner extends Construct {
  readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: MigrationRunnerProps) {
    super(scope, id);

    const provider = new Provider(this, 'Provider', {
      onEventHandler: props.migrate,
      logGroup: new LogGroup(this, 'ProviderLogs', {
        retention: RetentionDays.SIX_MONTHS,
        removalPolicy: RemovalPolicy.RETAIN,
      }),
    });

    this.resource = new CustomResource(this, 'Run', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::OmslinkMigrations',
      properties: {
        MigrationsFingerprint: migrationsFingerprint(props.projectRoot),
        MigrateVersion: props.migrate.currentVersion.version,
        AppSecretArn: props.appSecret.secretArn,
      },
    });

    const migrateLogicalId = Stack.of(this).getLogicalId(props.migrate.node.defaultChild as CfnElement);
    Validations.of(provider).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'CDK custom-resource provider framework: AWS-managed policy for its own CloudWatch logging.',
      },
      {
        id: 'AwsSolutions-L1',
        reason: 'The provider framework runtime is chosen and upgraded by aws-cdk-lib, not by this project.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::<${migrateLogicalId}.Arn>:*]`,
        reason:
          'The provider framework may invoke any version of the migrate function, and only that function.',
      },
    );
  }
}
