import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { allFunctions, restFunctions, soapFunctions } from '../../functions/manifest';
import { roles } from '../../shared/platform/access/roles';
import {
  type ApiMethod,
  apiMethodsOf,
  functionKey,
  omsFunctionsOf,
  onlyResource,
  resourcesOfType,
  type SynthesizedApp,
  synthesizedApp,
} from './omslink-app';

// test-apps.ts `manifest`: the routes of functions/manifest.ts, no web build.
let app: SynthesizedApp;
let stacks: SynthesizedApp['stacks'];
let api: Template;
let web: Template;
let monitoring: Template;

beforeAll(() => {
  app = synthesizedApp('manifest');
  stacks = app.stacks;
  api = stacks.api.template;
  web = stacks.web.template;
  monitoring = stacks.monitoring.template;
});

/** API Gateway methods keyed `METHOD /full/path`, across the API stack and its nested route stacks. */
function apiMethods(): Map<string, ApiMethod> {
  return new Map(apiMethodsOf(stacks.api).map((method) => [method.key, method]));
}

describe('API stack: routes from functions/manifest.ts', () => {
  it('has exactly the REST routes and SOAP methods of the manifest', () => {
    const expected = [
      ...restFunctions.map((spec) => `${spec.method} ${spec.path}`),
      ...soapFunctions.flatMap((spec) => [`GET /soap/${spec.service}`, `POST /soap/${spec.service}`]),
    ];
    // Every method once: a path defined in two stacks would be listed twice here (and refused by API Gateway).
    expect(
      apiMethodsOf(stacks.api)
        .map((method) => method.key)
        .sort(),
    ).toEqual(expected.sort());
  });

  it('routes each REST method to its own Lambda, with the Cognito authorizer exactly for `user` routes', () => {
    const authorizer = onlyResource(api, 'AWS::ApiGateway::Authorizer');
    expect(authorizer.props.Type).toBe('COGNITO_USER_POOLS');
    const functions = omsFunctionsOf(stacks.api);
    const methods = apiMethods();
    for (const spec of restFunctions) {
      const method = methods.get(`${spec.method} ${spec.path}`);
      expect(method?.target, spec.name).toBe(functionKey(functions.get(spec.name)));
      if (spec.auth === 'user') {
        expect(method?.authorizationType, spec.name).toBe('COGNITO_USER_POOLS');
        expect(method?.authorizerId, spec.name).toEqual({ Ref: authorizer.logicalId });
      } else {
        expect(method?.authorizationType, spec.name).toBe('NONE');
        expect(method?.authorizerId, spec.name).toBeUndefined();
      }
    }
  });

  it('serves each SOAP service (GET for ?wsdl, POST) from its Lambda without a gateway authorizer', () => {
    const functions = omsFunctionsOf(stacks.api);
    const methods = apiMethods();
    for (const spec of soapFunctions) {
      for (const verb of ['GET', 'POST']) {
        const method = methods.get(`${verb} /soap/${spec.service}`);
        expect(method?.target, `${verb} ${spec.service}`).toBe(functionKey(functions.get(spec.name)));
        expect(method?.authorizationType).toBe('NONE');
      }
    }
  });

  it('gives the API functions the queue, bucket and Cognito settings of shared/config.ts', () => {
    for (const [name, { props }] of omsFunctionsOf(stacks.api)) {
      const env = (props.Environment as { Variables: Record<string, unknown> }).Variables;
      for (const key of ['IMPORT_QUEUE_URL', 'INBOX_BUCKET', 'EXPORTS_BUCKET']) {
        expect(env[key], `${name} ${key}`).toBeDefined();
      }
      expect(env.COGNITO_USER_POOL_ID, name).toEqual({
        Ref: onlyResource(api, 'AWS::Cognito::UserPool').logicalId,
      });
      expect(env.COGNITO_CLIENT_ID, name).toEqual({
        Ref: onlyResource(api, 'AWS::Cognito::UserPoolClient').logicalId,
      });
    }
  });

  it('passes uploads (ZIP, windows-1251 XML) and CSV downloads as bytes, never re-decoded as text', () => {
    const { props } = onlyResource(api, 'AWS::ApiGateway::RestApi');
    expect(props.BinaryMediaTypes).toEqual(
      expect.arrayContaining(['text/csv', 'application/octet-stream', 'application/zip']),
    );
  });

  it('passes SOAP/XML requests as bytes (windows-1251 is decoded by the handler), JSON stays text', () => {
    const { props } = onlyResource(api, 'AWS::ApiGateway::RestApi');
    expect(props.BinaryMediaTypes).toEqual(
      expect.arrayContaining(['text/xml', 'application/soap+xml', 'application/xml']),
    );
    const types = props.BinaryMediaTypes as string[];
    expect(types.filter((type) => /json|\*/.test(type))).toEqual([]);
  });

  it('logs access to a log group and traces, but never logs request bodies', () => {
    const { props } = onlyResource(api, 'AWS::ApiGateway::Stage');
    expect(props.AccessLogSetting).toEqual(expect.objectContaining({ DestinationArn: expect.anything() }));
    expect(props.TracingEnabled).toBe(true);
    expect(props.MethodSettings).toEqual([
      expect.objectContaining({
        HttpMethod: '*',
        ResourcePath: '/*',
        LoggingLevel: 'ERROR',
        DataTraceEnabled: false,
      }),
    ]);
  });

  it('associates a regional WAF web ACL with managed rule groups and a rate limit to the stage', () => {
    const acl = onlyResource(api, 'AWS::WAFv2::WebACL');
    expect(acl.props.Scope).toBe('REGIONAL');
    const rules = acl.props.Rules as { Statement: Record<string, { Name?: string }> }[];
    const managed = rules.map((rule) => rule.Statement.ManagedRuleGroupStatement?.Name).filter(Boolean);
    expect(managed).toEqual(
      expect.arrayContaining(['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesSQLiRuleSet']),
    );
    expect(rules.some((rule) => rule.Statement.RateBasedStatement)).toBe(true);
    const stage = onlyResource(api, 'AWS::ApiGateway::Stage');
    const association = onlyResource(api, 'AWS::WAFv2::WebACLAssociation');
    expect(association.props.WebACLArn).toEqual({ 'Fn::GetAtt': [acl.logicalId, 'Arn'] });
    expect(JSON.stringify(association.props.ResourceArn)).toContain('/stages/');
    expect(JSON.stringify(association.props.ResourceArn)).toContain(`{"Ref":"${stage.logicalId}"}`);
  });
});

describe('API stack: Cognito', () => {
  it('has one group per role', () => {
    const groups = Object.values(resourcesOfType(api, 'AWS::Cognito::UserPoolGroup')).map(
      (group) => group.Properties?.GroupName,
    );
    expect(groups.sort()).toEqual([...roles].sort());
    expect(groups).toContain('tfoms_system');
  });

  it('keeps MFA optional with TOTP only: Cognito sets MFA per pool, not per group (docs/architecture-notes.md)', () => {
    const pool = onlyResource(api, 'AWS::Cognito::UserPool');
    expect(pool.props.MfaConfiguration).toBe('OPTIONAL');
    expect(pool.props.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
  });

  it('carries the organisation code as a custom attribute users cannot write themselves', () => {
    const pool = onlyResource(api, 'AWS::Cognito::UserPool');
    expect(pool.props.Schema).toEqual(
      expect.arrayContaining([expect.objectContaining({ Name: 'org_code', AttributeDataType: 'String' })]),
    );
    expect(pool.props.AdminCreateUserConfig).toEqual(
      expect.objectContaining({ AllowAdminCreateUserOnly: true }),
    );
    const client = onlyResource(api, 'AWS::Cognito::UserPoolClient');
    expect(client.props.ReadAttributes).toContain('custom:org_code');
    expect(client.props.WriteAttributes).not.toContain('custom:org_code');
    expect(client.props.GenerateSecret).toBe(false);
  });
});

describe('web stack', () => {
  it('serves the app bucket through CloudFront with an origin access control', () => {
    const oac = onlyResource(web, 'AWS::CloudFront::OriginAccessControl');
    expect(oac.props.OriginAccessControlConfig).toEqual(
      expect.objectContaining({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always' }),
    );
    const { props } = onlyResource(web, 'AWS::CloudFront::Distribution');
    const config = props.DistributionConfig as Record<string, unknown>;
    expect(config.DefaultRootObject).toBe('index.html');
    const origins = config.Origins as {
      Id: string;
      S3OriginConfig?: unknown;
      OriginAccessControlId?: unknown;
    }[];
    const s3Origin = origins.find((origin) => origin.S3OriginConfig);
    expect(s3Origin?.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [oac.logicalId, 'Id'] });
    const defaultBehavior = config.DefaultCacheBehavior as Record<string, unknown>;
    expect(defaultBehavior.TargetOriginId).toBe(s3Origin?.Id);
    expect(defaultBehavior.FunctionAssociations).toEqual([
      expect.objectContaining({ EventType: 'viewer-request' }),
    ]);
    web.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 's3:GetObject', Principal: { Service: 'cloudfront.amazonaws.com' } }),
        ]),
      }),
    });
  });

  it('routes /api/*, /soap/* and /health to the REST API origin, uncached and HTTPS only', () => {
    const { props } = onlyResource(web, 'AWS::CloudFront::Distribution');
    const config = props.DistributionConfig as Record<string, unknown>;
    const origins = config.Origins as {
      Id: string;
      S3OriginConfig?: unknown;
      CustomOriginConfig?: unknown;
    }[];
    const apiOrigin = origins.find((origin) => origin.CustomOriginConfig);
    expect(apiOrigin).toBeDefined();
    const behaviors = config.CacheBehaviors as Record<string, unknown>[];
    expect(behaviors.map((b) => b.PathPattern).sort()).toEqual(['/api/*', '/health', '/soap/*']);
    for (const behavior of behaviors) {
      expect(behavior.TargetOriginId).toBe(apiOrigin?.Id);
      expect(behavior.ViewerProtocolPolicy).toBe('https-only');
      expect(behavior.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'POST', 'PUT', 'DELETE']));
      expect(behavior.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad'); // CachingDisabled
    }
  });

  it('deploys no web build when web/dist has no index.html', () => {
    expect(app.deploysWebBuild).toBe(false);
    expect(Object.keys(resourcesOfType(web, 'Custom::CDKBucketDeployment'))).toHaveLength(0);
  });
});

describe('monitoring stack', () => {
  it('alarms on the dead-letter queue, API 5xx and every function, all to the alarm topic', () => {
    const topic = onlyResource(monitoring, 'AWS::SNS::Topic');
    const alarms = Object.values(resourcesOfType(monitoring, 'AWS::CloudWatch::Alarm')).map(
      (a) => a.Properties ?? {},
    );
    for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([{ Ref: topic.logicalId }]);
    const by = (namespace: string, metric: string) =>
      alarms.filter((alarm) => alarm.Namespace === namespace && alarm.MetricName === metric);
    const dlq = by('AWS/SQS', 'ApproximateNumberOfMessagesVisible');
    expect(dlq).toHaveLength(1);
    expect(dlq[0]).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
    expect(by('AWS/ApiGateway', '5XXError')).toHaveLength(1);
    expect(by('AWS/Lambda', 'Errors')).toHaveLength(allFunctions.length);
    monitoring.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });
});
