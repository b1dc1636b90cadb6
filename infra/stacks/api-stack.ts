import { Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  AuthorizationType,
  CognitoUserPoolsAuthorizer,
  EndpointType,
  LambdaIntegration,
  LogGroupLogDestination,
  type Method,
  MethodLoggingLevel,
  type MethodOptions,
  type RequestValidator,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { type FunctionSpec, type RestFunction, restFunctions, soapFunctions } from '../../functions/manifest';
import { ApiWebAcl } from '../constructs/api-web-acl';
import { type ExchangeStores, exchangeEnvironment, grantExchangeAccess } from '../constructs/exchange-access';
import { type DatabaseAccess, OmsFunction } from '../constructs/oms-function';
import { OmsUserPool } from '../constructs/oms-user-pool';

export const apiStageName = 'prod';

/**
 * What an account-management function (`cognitoAdmin` in functions/manifest.ts) may do in the user pool, and
 * nothing more: no user deletion, no pool or client configuration. Sign-in itself (InitiateAuth,
 * RespondToAuthChallenge) and sign-out with the user's own token (GlobalSignOut, RevokeToken) are public or
 * token-authorised Cognito APIs: IAM does not authorise them, so no function gets them.
 */
export const cognitoAdminActions = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminRemoveUserFromGroup',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminEnableUser',
  'cognito-idp:AdminSetUserPassword',
  'cognito-idp:AdminUserGlobalSignOut',
  'cognito-idp:AdminGetUser',
  'cognito-idp:AdminUpdateUserAttributes',
  'cognito-idp:AdminResetUserPassword',
] as const;

export interface ApiStackProps extends StackProps {
  readonly database: DatabaseAccess;
  readonly importQueue: IQueue;
  readonly inboxBucket: IBucket;
  readonly exportsBucket: IBucket;
  /** Where functions/ and shared/ are read from; the repository root by default. */
  readonly projectRoot?: string;
  /** The REST routes to build: functions/manifest.ts's by default (infra tests pass their own). */
  readonly restFunctions?: readonly RestFunction[];
}

/**
 * The REST API (`/health`, `/api/v1/...`) and the SOAP services (`/soap/<Service>`), one Lambda per REST route
 * and per SOAP service as functions/manifest.ts lists them; Cognito for people, a regional WAF in front.
 */
export class ApiStack extends Stack {
  readonly api: RestApi;
  readonly users: OmsUserPool;
  readonly functions: OmsFunction[] = [];
  private readonly stores: ExchangeStores;
  private readonly authorizer: CognitoUserPoolsAuthorizer;
  private readonly validator: RequestValidator;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: ApiStackProps,
  ) {
    super(scope, id, props);
    this.stores = {
      importQueue: props.importQueue,
      inboxBucket: props.inboxBucket,
      exportsBucket: props.exportsBucket,
    };

    this.users = new OmsUserPool(this, 'Users');
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      retention: RetentionDays.SIX_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.api = new RestApi(this, 'Api', {
      restApiName: 'omslink',
      description: 'omslink REST and SOAP API',
      endpointConfiguration: { types: [EndpointType.REGIONAL] },
      // CSV downloads (audit export) leave the Lambda gzipped and base64-encoded (6 MB response limit):
      // API Gateway turns them back into bytes only for listed binary media types.
      // Uploads (ЕРЗ extracts, F003/F002 directories) may be ZIP or windows-1251 XML: they must reach the
      // handler as bytes, never re-decoded as UTF-8 text.
      binaryMediaTypes: [
        'text/csv',
        'application/octet-stream',
        'application/zip',
        'application/x-zip-compressed',
      ],
      // Execution logging (errors only) needs the account-level CloudWatch role of API Gateway.
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      deployOptions: {
        stageName: apiStageName,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: AccessLogFormat.jsonWithStandardFields(),
        loggingLevel: MethodLoggingLevel.ERROR,
        // Request/response bodies carry personal data: never into logs.
        dataTraceEnabled: false,
        tracingEnabled: true,
        metricsEnabled: true,
        throttlingRateLimit: 200,
        throttlingBurstLimit: 400,
      },
    });
    // Parameters declared on a method are enforced here; bodies are validated by the handlers (zod, FLK).
    this.validator = this.api.addRequestValidator('RequestValidator', {
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    this.authorizer = new CognitoUserPoolsAuthorizer(this, 'Authorizer', {
      cognitoUserPools: [this.users.userPool],
      resultsCacheTtl: Duration.minutes(5),
    });

    for (const spec of props.restFunctions ?? restFunctions) this.addRestRoute(spec);
    for (const spec of soapFunctions) {
      const fn = this.addFunction(spec);
      const resource = this.api.root.resourceForPath(`/soap/${spec.service}`);
      // SOAP callers authenticate inside the message (WS-Security UsernameToken or HTTP Basic), checked by
      // the handler; GET serves `?wsdl`.
      for (const httpMethod of ['GET', 'POST']) {
        const method = resource.addMethod(httpMethod, this.integration(fn), this.publicOptions());
        acknowledgePublicMethod(
          method,
          'SOAP: callers authenticate with WS-Security/Basic inside the handler.',
        );
      }
    }

    new ApiWebAcl(this, 'Waf', { stageArn: this.api.deploymentStage.stageArn });

    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason: 'The account-level API Gateway logging role uses the AWS-managed policy made for exactly this.',
    });
  }

  private addRestRoute(spec: RestFunction): void {
    const fn = this.addFunction(spec);
    const resource = this.api.root.resourceForPath(spec.path);
    if (spec.auth === 'user') {
      resource.addMethod(spec.method, this.integration(fn), {
        authorizationType: AuthorizationType.COGNITO,
        authorizer: this.authorizer,
        requestValidator: this.validator,
      });
      return;
    }
    const method = resource.addMethod(spec.method, this.integration(fn), this.publicOptions());
    acknowledgePublicMethod(
      method,
      `Public by design in functions/manifest.ts (${spec.name}: no token yet).`,
    );
  }

  private addFunction(spec: FunctionSpec): OmsFunction {
    const fn = new OmsFunction(this, spec.name, {
      spec,
      database: this.props.database,
      projectRoot: this.props.projectRoot,
      environment: {
        ...exchangeEnvironment(this.stores),
        COGNITO_USER_POOL_ID: this.users.userPool.userPoolId,
        COGNITO_CLIENT_ID: this.users.webClient.userPoolClientId,
      },
    });
    grantExchangeAccess(fn, spec.kind, this.stores);
    if (spec.kind === 'rest' && spec.cognitoAdmin) {
      this.users.userPool.grant(fn, ...cognitoAdminActions);
    }
    this.functions.push(fn);
    return fn;
  }

  private integration(fn: OmsFunction): LambdaIntegration {
    return new LambdaIntegration(fn, { proxy: true, allowTestInvoke: false });
  }

  private publicOptions(): MethodOptions {
    return { authorizationType: AuthorizationType.NONE, requestValidator: this.validator };
  }
}

function acknowledgePublicMethod(method: Method, reason: string): void {
  Validations.of(method).acknowledge(
    { id: 'AwsSolutions-APIG4', reason },
    { id: 'AwsSolutions-COG4', reason },
  );
}
