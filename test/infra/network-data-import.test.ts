import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { allFunctions, queueFunctions } from '../../functions/manifest';
import { migrationsFingerprint } from '../../infra/constructs/migration-runner';
import { enableAppLogin } from '../../shared/platform/db/app-role';
import type { Sql } from '../../shared/platform/db/connection';
import {
  actionsOf,
  crossStackRef,
  type DatabaseSecretIds,
  databaseSecret,
  embeddedPostgresMajor,
  omsFunctionsOf,
  onlyResource,
  type PolicyStatementJson,
  resourcesOf,
  resourcesOfType,
  rolePolicyStatements,
  type SynthesizedApp,
  stackTemplatesOf,
  synthesizedApp,
} from './omslink-app';

// test-apps.ts `manifest`: the routes of functions/manifest.ts, no web build.
let stacks: SynthesizedApp['stacks'];
let network: Template;
let data: Template;
let importing: Template;
let adminSecret: DatabaseSecretIds;
let appSecret: DatabaseSecretIds;

beforeAll(() => {
  stacks = synthesizedApp('manifest').stacks;
  network = stacks.network.template;
  data = stacks.data.template;
  importing = stacks.importing.template;
  adminSecret = databaseSecret(data, 'omslink_admin');
  appSecret = databaseSecret(data, 'omslink_app');
});

/** Does this statement allow reading a secret's value (exact action or a wildcard covering it)? */
function readsSecrets(actions: string[]): boolean {
  return actions.some((action) =>
    ['secretsmanager:GetSecretValue', 'secretsmanager:*', '*'].includes(action),
  );
}

/** A Sql stand-in that records `unsafe` statements: enough for enableAppLogin's password check. */
function recordingSql(): { sql: Sql; statements: string[] } {
  const statements: string[] = [];
  const sql = { unsafe: async (query: string) => statements.push(query) } as unknown as Sql;
  return { sql, statements };
}

describe('network stack', () => {
  it('has one VPC over two AZs with public, private-with-egress and isolated subnets', () => {
    network.resourceCountIs('AWS::EC2::VPC', 1);
    const subnetTypes = Object.values(resourcesOfType(network, 'AWS::EC2::Subnet')).map((subnet) => {
      const tags = (subnet.Properties?.Tags ?? []) as { Key: string; Value: string }[];
      return tags.find((tag) => tag.Key === 'aws-cdk:subnet-type')?.Value;
    });
    expect(subnetTypes.sort()).toEqual(['Isolated', 'Isolated', 'Private', 'Private', 'Public', 'Public']);
    network.resourceCountIs('AWS::EC2::NatGateway', 2);
    network.resourceCountIs('AWS::EC2::FlowLog', 1);
  });

  it('has a gateway endpoint for S3 and interface endpoints for SQS and Secrets Manager', () => {
    const endpoints = Object.values(resourcesOfType(network, 'AWS::EC2::VPCEndpoint')).map((endpoint) => ({
      service: /\.(s3|sqs|secretsmanager)\b/.exec(JSON.stringify(endpoint.Properties?.ServiceName))?.[1],
      type: endpoint.Properties?.VpcEndpointType ?? 'Gateway',
      privateDns: endpoint.Properties?.PrivateDnsEnabled,
    }));
    expect(endpoints).toEqual(
      expect.arrayContaining([
        { service: 's3', type: 'Gateway', privateDns: undefined },
        { service: 'sqs', type: 'Interface', privateDns: true },
        { service: 'secretsmanager', type: 'Interface', privateDns: true },
      ]),
    );
    expect(endpoints).toHaveLength(3);
  });
});

describe('data stack', () => {
  it('runs Aurora PostgreSQL Serverless v2 of the same major version as the local embedded PostgreSQL', () => {
    const { props } = onlyResource(data, 'AWS::RDS::DBCluster');
    expect(props.Engine).toBe('aurora-postgresql');
    expect(String(props.EngineVersion).split('.')[0]).toBe(embeddedPostgresMajor());
    expect(props.ServerlessV2ScalingConfiguration).toEqual({ MinCapacity: 0.5, MaxCapacity: 8 });
    const instances = Object.values(resourcesOfType(data, 'AWS::RDS::DBInstance'));
    expect(instances.map((i) => i.Properties?.DBInstanceClass)).toEqual(['db.serverless', 'db.serverless']);
  });

  it('encrypts the cluster with a customer-managed key, protects it from deletion and keeps backups', () => {
    const { props } = onlyResource(data, 'AWS::RDS::DBCluster');
    expect(props.StorageEncrypted).toBe(true);
    expect(props.KmsKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^DataKey/), 'Arn'] });
    expect(props.DeletionProtection).toBe(true);
    expect(props.BackupRetentionPeriod).toBeGreaterThanOrEqual(7);
    expect(props.EnableIAMDatabaseAuthentication).toBe(true);
    data.hasResource('AWS::RDS::DBCluster', { DeletionPolicy: 'Snapshot' });
    data.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('places the cluster in the isolated subnets with a generated admin secret attached to it', () => {
    const { props } = onlyResource(data, 'AWS::RDS::DBSubnetGroup');
    expect(JSON.stringify(props.SubnetIds)).toMatch(/dataSubnet1.*dataSubnet2/);
    const cluster = onlyResource(data, 'AWS::RDS::DBCluster');
    expect(cluster.props.MasterUsername).toBe('omslink_admin');
    expect(JSON.stringify(cluster.props.MasterUserPassword)).toContain(`{"Ref":"${adminSecret.secret}"}`);
    data.hasResourceProperties('AWS::SecretsManager::SecretTargetAttachment', {
      SecretId: { Ref: adminSecret.secret },
      TargetId: { Ref: cluster.logicalId },
    });
    data.resourceCountIs('AWS::SecretsManager::Secret', 2);
  });

  it('generates the application role secret: omslink_app, data key, attached to the cluster', () => {
    const cluster = onlyResource(data, 'AWS::RDS::DBCluster');
    const key = onlyResource(data, 'AWS::KMS::Key');
    expect(appSecret.props.KmsKeyId).toEqual({ 'Fn::GetAtt': [key.logicalId, 'Arn'] });
    expect(adminSecret.props.KmsKeyId).toEqual({ 'Fn::GetAtt': [key.logicalId, 'Arn'] });
    data.hasResourceProperties('AWS::SecretsManager::SecretTargetAttachment', {
      SecretId: { Ref: appSecret.secret },
      TargetId: { Ref: cluster.logicalId },
      TargetType: 'AWS::RDS::DBCluster',
    });
  });

  it('generates application passwords that enableAppLogin accepts: letters and digits only, 16–128 long', async () => {
    const generation = appSecret.props.GenerateSecretString as {
      ExcludeCharacters: string;
      PasswordLength: number;
      GenerateStringKey: string;
    };
    expect(generation.GenerateStringKey).toBe('password');
    // Secrets Manager draws from printable ASCII minus the excluded characters.
    const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
    const alphabet = printable.filter((c) => !generation.ExcludeCharacters.includes(c));
    expect(alphabet.join('')).toMatch(/^[A-Za-z0-9]{62}$/);
    for (const c of alphabet) {
      const { sql, statements } = recordingSql();
      await enableAppLogin(sql, c.repeat(generation.PasswordLength));
      expect(statements, c).toHaveLength(1);
    }
    // The same check rejects what the admin secret's (CDK default) alphabet may produce.
    await expect(enableAppLogin(recordingSql().sql, `${'a'.repeat(29)}^`)).rejects.toThrow();
  });

  it('puts an RDS Proxy that requires TLS in front, reachable from the functions security group only', () => {
    const { props } = onlyResource(data, 'AWS::RDS::DBProxy');
    expect(props.RequireTLS).toBe(true);
    expect(props.EngineFamily).toBe('POSTGRESQL');
    // Both roles log in through the proxy with their own secret: the owner (migrate) and omslink_app.
    const scram = (id: string) =>
      expect.objectContaining({
        AuthScheme: 'SECRETS',
        ClientPasswordAuthType: 'POSTGRES_SCRAM_SHA_256',
        IAMAuth: 'DISABLED',
        SecretArn: { Ref: id },
      });
    expect(props.Auth).toHaveLength(2);
    expect(props.Auth).toEqual(
      expect.arrayContaining([scram(adminSecret.attachment), scram(appSecret.attachment)]),
    );
    const functionsGroup = onlyResource(data, 'AWS::EC2::SecurityGroup', (p) =>
      String(p.GroupDescription).startsWith('Lambda functions'),
    );
    const proxyGroup = onlyResource(data, 'AWS::EC2::SecurityGroup', (p) =>
      String(p.GroupDescription).startsWith('RDS Proxy'),
    );
    data.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      IpProtocol: 'tcp',
      FromPort: 5432,
      ToPort: 5432,
      GroupId: { 'Fn::GetAtt': [proxyGroup.logicalId, 'GroupId'] },
      SourceSecurityGroupId: { 'Fn::GetAtt': [functionsGroup.logicalId, 'GroupId'] },
    });
  });

  it('runs the migrate function on deployment through a custom resource keyed by the migrations', () => {
    const migrate = omsFunctionsOf(stacks.data).get('Migrate');
    expect(migrate?.props.Environment).toEqual({
      Variables: expect.objectContaining({ MIGRATIONS_DIR: './migrations' }),
    });
    const run = onlyResource(data, 'Custom::OmslinkMigrations');
    expect(run.props.MigrationsFingerprint).toBe(migrationsFingerprint());
    // A replaced application secret (new ARN) runs migrate again, which gives omslink_app its password.
    expect(run.props.AppSecretArn).toEqual({ Ref: appSecret.attachment });
    expect(run.props.ServiceToken).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/Provider/), 'Arn'] });
    expect(run.props.MigrateVersion).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^MigrateCurrentVersion/), 'Version'],
    });
    const dependsOn = (data.toJSON().Resources[run.logicalId] as { DependsOn: string[] }).DependsOn;
    for (const prefix of ['ClusterWriter', 'ClusterProxy', 'ProxySecurityGroupfrom']) {
      expect(
        dependsOn.some((id) => id.startsWith(prefix)),
        prefix,
      ).toBe(true);
    }
    expect(JSON.stringify(data.toJSON())).toContain(`"Fn::GetAtt":["${migrate?.logicalId}","Arn"]`);
  });
});

describe('database secrets: who connects as whom', () => {
  it('gives the migrate function the admin secret to connect with and read access to both secrets', () => {
    const migrate = omsFunctionsOf(stacks.data).get('Migrate');
    if (!migrate) throw new Error('no Migrate function');
    const env = (migrate.props.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(env.DB_SECRET_ARN).toEqual({ Ref: adminSecret.attachment });
    expect(env.DB_APP_SECRET_ARN).toEqual({ Ref: appSecret.attachment });
    const secretReads = rolePolicyStatements(data, migrate.logicalId).filter((s) =>
      readsSecrets(actionsOf(s)),
    );
    expect(secretReads).toHaveLength(1);
    expect(resourcesOf(secretReads[0]!)).toHaveLength(2);
    expect(resourcesOf(secretReads[0]!)).toEqual(
      expect.arrayContaining([{ Ref: adminSecret.attachment }, { Ref: appSecret.attachment }]),
    );
  });

  it('connects every REST, SOAP and queue function as omslink_app, able to read that secret only', () => {
    const appRef = crossStackRef(stacks.data, appSecret.attachment);
    let checked = 0;
    for (const stack of [stacks.api, stacks.importing]) {
      for (const [name, fn] of omsFunctionsOf(stack)) {
        checked += 1;
        const env = (fn.props.Environment as { Variables: Record<string, unknown> }).Variables;
        expect(env.DB_SECRET_ARN, name).toEqual(appRef);
        expect(env.DB_APP_SECRET_ARN, name).toBeUndefined();
        const secretReads = rolePolicyStatements(fn.template, fn.logicalId).filter((s) =>
          readsSecrets(actionsOf(s)),
        );
        expect(secretReads.length, name).toBeGreaterThan(0);
        for (const statement of secretReads) expect(resourcesOf(statement), name).toEqual([appRef]);
      }
    }
    expect(checked).toBe(allFunctions.filter((spec) => spec.kind !== 'ops').length);
  });

  it('keeps the admin secret inside the data stack: no output publishes it, no other stack names it', () => {
    const outputs = JSON.stringify(data.toJSON().Outputs ?? {});
    for (const id of [adminSecret.secret, adminSecret.attachment]) expect(outputs).not.toContain(id);
    for (const { stack, template } of Object.values(stacks)
      .filter((s) => s !== stacks.data)
      .flatMap(stackTemplatesOf)) {
      const json = JSON.stringify(template.toJSON());
      expect(json, stack.path).not.toContain(adminSecret.attachment);
      expect(json, stack.path).not.toContain(adminSecret.secret);
    }
  });

  it('lets only the RDS Proxy and the ops functions read the admin secret', () => {
    const adminRef = JSON.stringify({ Ref: adminSecret.attachment });
    const readers = Object.values(resourcesOfType(data, 'AWS::IAM::Policy')).flatMap((policy) => {
      const document = policy.Properties?.PolicyDocument as { Statement?: PolicyStatementJson[] } | undefined;
      const reads = (document?.Statement ?? []).some(
        (s) => readsSecrets(actionsOf(s)) && resourcesOf(s).some((r) => JSON.stringify(r) === adminRef),
      );
      return reads ? ((policy.Properties?.Roles ?? []) as { Ref: string }[]).map((role) => role.Ref) : [];
    });
    const proxyRole = onlyResource(data, 'AWS::RDS::DBProxy').props.RoleArn as { 'Fn::GetAtt': [string] };
    const opsRoles = [...omsFunctionsOf(stacks.data).values()].map(
      (fn) => (fn.props.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0],
    );
    expect(readers.sort()).toEqual([proxyRole['Fn::GetAtt'][0], ...opsRoles].sort());
  });
});

describe('import stack', () => {
  it('has an import queue that sends a message to the dead-letter queue after five receives', () => {
    const dlq = onlyResource(importing, 'AWS::SQS::Queue', (p) => p.RedrivePolicy === undefined);
    const queue = onlyResource(importing, 'AWS::SQS::Queue', (p) => p.RedrivePolicy !== undefined);
    expect(queue.props.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [dlq.logicalId, 'Arn'] },
      maxReceiveCount: 5,
    });
    for (const q of [dlq, queue]) expect(q.props.SqsManagedSseEnabled).toBe(true);
    importing.resourcePropertiesCountIs(
      'AWS::SQS::QueuePolicy',
      {
        PolicyDocument: Match.objectLike({
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        }),
      },
      2,
    );
  });

  it('sends no raw S3 events to the import queue: uploads are enqueued by the route, with their sender', () => {
    expect(Object.keys(importing.findResources('Custom::S3BucketNotifications'))).toEqual([]);
  });

  it('feeds the queue consumer with partial batch failure reporting', () => {
    const queue = onlyResource(importing, 'AWS::SQS::Queue', (p) => p.RedrivePolicy !== undefined);
    const consumers = omsFunctionsOf(stacks.importing);
    expect([...consumers.keys()]).toEqual(queueFunctions.map((spec) => spec.name));
    for (const consumer of consumers.values()) {
      importing.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [queue.logicalId, 'Arn'] },
        FunctionName: { Ref: consumer.logicalId },
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
      // A message never becomes visible again while its consumer still runs, and a crashed consumer's file is
      // delivered again within minutes of the Lambda's own timeout (not six times it).
      const timeout = Number(consumer.props.Timeout);
      expect(timeout).toBe(15 * 60);
      expect(Number(queue.props.VisibilityTimeout)).toBeGreaterThanOrEqual(timeout + 2 * 60);
      expect(Number(queue.props.VisibilityTimeout)).toBeLessThanOrEqual(timeout + 10 * 60);
    }
  });
});

describe('buckets of every stack', () => {
  it('block public access, encrypt, and deny requests without TLS', () => {
    const all = Object.values(stacks)
      .flatMap(stackTemplatesOf)
      .map(({ template }) => template);
    let count = 0;
    for (const template of all) {
      const policies = Object.values(resourcesOfType(template, 'AWS::S3::BucketPolicy'));
      for (const [logicalId, bucket] of Object.entries(resourcesOfType(template, 'AWS::S3::Bucket'))) {
        count += 1;
        expect(bucket.Properties?.PublicAccessBlockConfiguration, logicalId).toEqual({
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        });
        expect(bucket.Properties?.BucketEncryption, logicalId).toBeDefined();
        const policy = policies.find(
          (p) => JSON.stringify(p.Properties?.Bucket) === JSON.stringify({ Ref: logicalId }),
        );
        expect(JSON.stringify(policy?.Properties?.PolicyDocument), logicalId).toContain(
          '"Condition":{"Bool":{"aws:SecureTransport":"false"}},"Effect":"Deny"',
        );
      }
    }
    // inbox, exports, web + one access-log bucket per stack that has buckets
    expect(count).toBe(6);
  });

  it('encrypts the inbox and exports with customer-managed keys', () => {
    for (const template of [importing, stacks.reports.template]) {
      template.hasResourceProperties('AWS::S3::Bucket', {
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            Match.objectLike({
              ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }),
            }),
          ],
        },
      });
    }
  });
});

describe('functions', () => {
  it('builds one Lambda per manifest entry: Node.js 22 on ARM64, traced, in the VPC, with the database settings', () => {
    const built = new Map(Object.values(stacks).flatMap((stack) => [...omsFunctionsOf(stack)]));
    expect([...built.keys()].sort()).toEqual(allFunctions.map((spec) => spec.name).sort());
    for (const [name, { props }] of built) {
      expect(props.Runtime, name).toBe('nodejs22.x');
      expect(props.Architectures, name).toEqual(['arm64']);
      expect(props.TracingConfig, name).toEqual({ Mode: 'Active' });
      expect(props.Handler, name).toBe('index.handler');
      expect((props.VpcConfig as { SubnetIds: unknown[] }).SubnetIds, name).toHaveLength(2);
      const env = (props.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(env.NODE_OPTIONS, name).toMatch(/^--enable-source-maps( |$)/);
      expect(env, name).toMatchObject({
        OMSLINK_MODE: 'aws',
        DB_PORT: '5432',
        DB_NAME: 'omslink',
        DB_POOL_MAX: '2',
      });
      expect(env.DB_HOST, name).toBeDefined();
      expect(env.DB_SECRET_ARN, name).toBeDefined();
    }
    // The import queue's consumer has the local consumer process's young generation.
    const consumers = allFunctions.filter((spec) => spec.kind === 'queue').map((spec) => spec.name);
    expect(consumers.length).toBeGreaterThan(0);
    for (const name of consumers) {
      const env = (built.get(name)!.props.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(env.NODE_OPTIONS, name).toBe('--enable-source-maps --max-semi-space-size=64');
    }
  });
});
