import { Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  CognitoUserPoolsAuthorizer,
  EndpointType,
  type IResource,
  LogGroupLogDestination,
  MethodLoggingLevel,
  type RequestValidator,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { type RestFunction, restFunctions, soapFunctions } from '../../functions/manifest';
import { binaryMediaTypes } from '../binary-media-types';
import { ApiWebAcl } from '../constructs/api-web-acl';
import type { ExchangeStores } from '../constructs/exchange-access';
import type { DatabaseAccess, OmsFunction } from '../constructs/oms-function';
import { OmsUserPool } from '../constructs/oms-user-pool';
import { routeGroupsOf, sharedApiPrefixes } from './api-route-groups';
import { type ApiRouteContext, ApiRouteStack } from './api-route-stack';

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
 * The functions and their methods are built in nested stacks, one per route group (`ApiRouteStack`); this stack
 * keeps the REST API, its deployment and stage, the shared `/api/v1` resources, authorizer, WAF and Cognito.
 */
export class ApiStack extends Stack {
  readonly api: RestApi;
  readonly users: OmsUserPool;
  readonly functions: OmsFunction[] = [];
  /** The nested stacks holding the functions and methods, one per route group, ordered by anchor path. */
  readonly routeStacks: ApiRouteStack[] = [];
  private readonly stores: ExchangeStores;
  private readonly authorizer: CognitoUserPoolsAuthorizer;
  private readonly validator: RequestValidator;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
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
      // Uploads (ЕРЗ extracts, F003/F002 directories) may be ZIP or windows-1251 XML, and SOAP requests may be
      // windows-1251: they must reach the handler as bytes, never re-decoded as UTF-8 text. Text answers
      // (isBase64Encoded false, XML included) still pass through as text.
      binaryMediaTypes: [...binaryMediaTypes],
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

    // The routes live in nested stacks, one per route group (api-route-groups.ts): the functions with their
    // roles, policies, log groups, resources, methods and permissions would break CloudFormation's limit of
    // 500 resources per stack at ~65 routes. Only the prefixes every area shares stay here.
    const context: ApiRouteContext = {
      api: this.api,
      stageName: apiStageName,
      authorizer: this.authorizer,
      validator: this.validator,
      users: this.users,
      database: props.database,
      stores: this.stores,
      projectRoot: props.projectRoot,
      cognitoAdminActions,
    };
    const sharedResources = new Map<string, IResource>([['/', this.api.root]]);
    for (const prefix of sharedApiPrefixes)
      sharedResources.set(prefix, this.api.root.resourceForPath(prefix));
    for (const group of routeGroupsOf(props.restFunctions ?? restFunctions, soapFunctions)) {
      const anchorParent = sharedResources.get(group.anchorParentPath);
      if (!anchorParent)
        throw new Error(`no shared resource ${group.anchorParentPath} for ${group.anchorPath}`);
      const routes = new ApiRouteStack(this, group.id, {
        description: `omslink API routes below ${group.anchorPath}`,
        group,
        anchorParent,
        context,
      });
      this.routeStacks.push(routes);
      this.functions.push(...routes.functions);
    }

    new ApiWebAcl(this, 'Waf', { stageArn: this.api.deploymentStage.stageArn });

    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason: 'The account-level API Gateway logging role uses the AWS-managed policy made for exactly this.',
    });
  }
}
