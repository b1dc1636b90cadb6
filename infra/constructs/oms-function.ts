import { join } from 'node:path';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { type ISecurityGroup, type IVpc, SubnetType } from 'aws-cdk-lib/aws-ec2';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import {
  ApplicationLogLevel,
  Architecture,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { FunctionSpec } from '../../functions/manifest';
import { functionBundleSettings as bundle } from './function-bundle-options';
import { repositoryRoot } from './project-paths';

/**
 * How a function reaches PostgreSQL: the RDS Proxy endpoint and the secret of the **application role**
 * (`omslink_app`: no owner, NOBYPASSRLS, so row-level security applies to everything it runs). This is what the
 * data stack hands to other stacks; the owner's (admin) secret never leaves the data stack.
 */
export interface DatabaseAccess {
  readonly vpc: IVpc;
  /** The group every function joins; the RDS Proxy admits it on the PostgreSQL port. */
  readonly clientSecurityGroup: ISecurityGroup;
  readonly proxyEndpoint: string;
  readonly port: number;
  readonly databaseName: string;
  /** Username/password of `omslink_app` (shared/db/access/app-role.ts). */
  readonly appSecret: ISecret;
  /** The customer-managed key the secrets are encrypted with. */
  readonly secretEncryptionKey: IKey;
}

/** Environment variable naming the secret a function connects with (shared/config.ts `dbSecretArn`). */
export const dbSecretEnv = 'DB_SECRET_ARN';
/** Ops functions only: the application role's secret, whose password `migrate` gives to `omslink_app`. */
export const dbAppSecretEnv = 'DB_APP_SECRET_ARN';

export interface OmsFunctionProps {
  /** The manifest entry (functions/manifest.ts) this Lambda is built from. */
  readonly spec: FunctionSpec;
  readonly database: DatabaseAccess;
  /**
   * The owner's (admin) secret: required for ops functions, refused for every other kind. An ops function
   * connects with it (`DB_SECRET_ARN`) and also reads the application secret (`DB_APP_SECRET_ARN`); every other
   * function connects as the application role and can read nothing else.
   */
  readonly adminSecret?: ISecret;
  /** Extra environment (queue URL, bucket names, Cognito ids …) on top of the database settings. */
  readonly environment?: Record<string, string>;
  readonly memorySize?: number;
  readonly timeout?: Duration;
  /** Where `functions/`, `shared/` and package-lock.json are found; the repository root by default. */
  readonly projectRoot?: string;
}

/**
 * Node's options per function kind. The queue consumer's young generation is 64 MiB, as locally
 * (infra/local/queue-consumer-process.ts): a registry import parses hundreds of MB of XML into short-lived objects
 * (855 → 292 scavenges and 36 → 30 s of CPU at 200,000 cases).
 */
const nodeOptionsByKind: Record<FunctionSpec['kind'], string> = {
  rest: '--enable-source-maps',
  soap: '--enable-source-maps',
  queue: '--enable-source-maps --max-semi-space-size=64',
  ops: '--enable-source-maps',
};

/** Defaults per function kind: API Gateway cuts a request at 29 s; a bulk file may need the full 15 minutes. */
const defaultsByKind: Record<FunctionSpec['kind'], { memorySize: number; timeout: Duration }> = {
  rest: { memorySize: 512, timeout: Duration.seconds(29) },
  soap: { memorySize: 768, timeout: Duration.seconds(29) },
  queue: { memorySize: 1024, timeout: Duration.minutes(15) },
  ops: { memorySize: 512, timeout: Duration.minutes(10) },
};

/**
 * A function's physical name, known without referencing the function: the monitoring stack builds its alarms
 * and dashboard on `AWS/Lambda` metrics by this name, so no cross-stack output is needed per function (the API
 * stack would otherwise publish one output per route and reach CloudFormation's 200 outputs per template).
 */
export function omsFunctionName(spec: Pick<FunctionSpec, 'name'>): string {
  const name = `omslink-${spec.name}`;
  if (name.length > 64 || !/^[A-Za-z0-9_-]+$/.test(name))
    throw new Error(`Not a Lambda function name: ${name}`);
  return name;
}

/** Relative to the bundle directory (LAMBDA_TASK_ROOT, the working directory of a Lambda process). */
export const bundledMigrationsDir = './migrations';

/**
 * The one way this project builds a Lambda: Node.js 22 on ARM64, a minified ESM bundle with source maps and the
 * AWS SDK inside, X-Ray tracing, JSON logs kept six months, placed in the private subnets with the database
 * client security group, and the database settings of shared/config.ts in its environment.
 */
export class OmsFunction extends NodejsFunction {
  readonly spec: FunctionSpec;

  constructor(scope: Construct, id: string, props: OmsFunctionProps) {
    const { spec, database } = props;
    const projectRoot = props.projectRoot ?? repositoryRoot;
    const defaults = defaultsByKind[spec.kind];
    const runsMigrations = spec.kind === 'ops' && spec.purpose === 'migrate';
    const secrets = databaseSecretsOf(scope, id, props);

    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: RetentionDays.SIX_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    super(scope, id, {
      entry: join(projectRoot, spec.entry),
      functionName: omsFunctionName(spec),
      handler: 'handler',
      projectRoot,
      depsLockFilePath: join(projectRoot, 'package-lock.json'),
      description: `omslink ${spec.kind} ${spec.name}`,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? defaults.memorySize,
      timeout: props.timeout ?? defaults.timeout,
      tracing: Tracing.ACTIVE,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      vpc: database.vpc,
      vpcSubnets: { subnetType: SubnetType.PRIVATE_WITH_EGRESS },
      securityGroups: [database.clientSecurityGroup],
      environment: {
        NODE_OPTIONS: nodeOptionsByKind[spec.kind],
        OMSLINK_MODE: 'aws',
        DB_HOST: database.proxyEndpoint,
        DB_PORT: String(database.port),
        DB_NAME: database.databaseName,
        ...secrets.environment,
        DB_POOL_MAX: '2',
        ...(runsMigrations ? { MIGRATIONS_DIR: bundledMigrationsDir } : {}),
        ...props.environment,
      },
      // The settings of infra/constructs/function-bundle-options.ts, which the bundle-size test builds with.
      bundling: {
        format: OutputFormat.ESM,
        target: bundle.target,
        minify: bundle.minify,
        sourceMap: bundle.sourcemap,
        sourcesContent: bundle.sourcesContent,
        // aws-cdk-lib accepts `charset` but never passes it to esbuild (aws/aws-cdk#32649): ask for it directly.
        esbuildArgs: { '--charset': bundle.charset },
        mainFields: [...bundle.mainFields],
        banner: bundle.banner,
        externalModules: [...bundle.external],
        logLevel: LogLevel.WARNING,
        commandHooks: runsMigrations
          ? {
              beforeBundling: () => [],
              beforeInstall: () => [],
              afterBundling: (inputDir: string, outputDir: string) => [
                `cp -r "${inputDir}/shared/platform/db/migrations" "${outputDir}/migrations"`,
              ],
            }
          : undefined,
      },
    });
    this.spec = spec;

    grantSecretRead(this, secrets.readable, database.secretEncryptionKey);
    acknowledgeFunctionFindings(this);
  }
}

interface FunctionSecrets {
  readonly environment: Record<string, string>;
  /** Exactly the secrets the function's role may read. */
  readonly readable: ISecret[];
}

/**
 * Which database secrets a function gets. Ops functions (migrate) connect as the owner and read the application
 * secret to set `omslink_app`'s password; REST, SOAP and queue functions connect as `omslink_app` and read only
 * its secret, so no handler can ever open a connection that bypasses row-level security.
 */
function databaseSecretsOf(scope: Construct, id: string, props: OmsFunctionProps): FunctionSecrets {
  const { spec, database, adminSecret } = props;
  const app = database.appSecret;
  if (spec.kind === 'ops') {
    if (!adminSecret) {
      throw new Error(
        `${scope.node.path}/${id}: ops function ${spec.name} connects as the owner and needs the admin secret`,
      );
    }
    return {
      environment: { [dbSecretEnv]: adminSecret.secretArn, [dbAppSecretEnv]: app.secretArn },
      readable: [adminSecret, app],
    };
  }
  if (adminSecret) {
    throw new Error(
      `${scope.node.path}/${id}: ${spec.kind} function ${spec.name} connects as the application role, never with the admin secret`,
    );
  }
  return { environment: { [dbSecretEnv]: app.secretArn }, readable: [app] };
}

/**
 * Read access to the database secrets, written on the function's role only. (`secret.grantRead` would also edit
 * the key policy in the data stack with this role's ARN, and the data stack must not depend on its consumers.)
 */
function grantSecretRead(fn: OmsFunction, secrets: ISecret[], key: IKey): void {
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
      resources: secrets.map((secret) => secret.secretArn),
    }),
  );
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['kms:Decrypt'],
      resources: [key.keyArn],
      conditions: {
        StringEquals: { 'kms:ViaService': `secretsmanager.${Stack.of(fn).region}.amazonaws.com` },
      },
    }),
  );
}

/** cdk-nag findings every OmsFunction carries by design, acknowledged on the function (its role included). */
function acknowledgeFunctionFindings(fn: OmsFunction): void {
  Validations.of(fn).acknowledge(
    {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'AWS-managed Lambda logging policy: CloudWatch Logs writes to the function log group only.',
    },
    {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole]',
      reason:
        'AWS-managed policy for VPC Lambdas: ENI management has no resource-level scoping to narrow it to.',
    },
    {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray PutTraceSegments/PutTelemetryRecords accept only Resource "*" (no resource-level permissions).',
    },
    {
      id: 'AwsSolutions-L1',
      reason:
        'nodejs22.x is the chosen runtime (LTS until 2027, bundles target node20 and run on 22 and 24); moving ' +
        'to nodejs24.x is a deliberate upgrade, not a drift to follow automatically.',
    },
  );
}
