import { NestedStack, type NestedStackProps, Validations } from 'aws-cdk-lib';
import {
  AuthorizationType,
  AwsIntegration,
  type IAuthorizer,
  type IRequestValidator,
  type IResource,
  type Method,
  type MethodOptions,
  Resource,
  type RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import type { FunctionSpec, RestFunction, SoapFunction } from '../../functions/manifest';
import { type ExchangeStores, exchangeEnvironment, grantExchangeAccess } from '../constructs/exchange-access';
import { type DatabaseAccess, OmsFunction } from '../constructs/oms-function';
import type { OmsUserPool } from '../constructs/oms-user-pool';
import { type RouteGroup, soapMethodsOf } from './api-route-groups';

/**
 * What every route stack shares, all owned by the parent API stack: the REST API (the real construct, so that
 * methods defined here register with it and its deployment depends on them and is re-created when they change),
 * the authorizer, the request validator, the user pool, and the stores and database the functions reach.
 */
export interface ApiRouteContext {
  readonly api: RestApi;
  /** The stage name the permissions name (a literal: a reference to the Stage would make a dependency cycle). */
  readonly stageName: string;
  readonly authorizer: IAuthorizer;
  readonly validator: IRequestValidator;
  readonly users: OmsUserPool;
  readonly database: DatabaseAccess;
  readonly stores: ExchangeStores;
  readonly projectRoot?: string;
  /** Account-management actions a `cognitoAdmin` route gets on the user pool. */
  readonly cognitoAdminActions: readonly string[];
}

export interface ApiRouteStackProps extends NestedStackProps {
  readonly group: RouteGroup;
  /** The resource the group's anchor hangs below (`/api/v1` or the root), defined by the parent. */
  readonly anchorParent: IResource;
  readonly context: ApiRouteContext;
}

/**
 * One route group of functions/manifest.ts (a REST area under `/api/v1`, the SOAP services, `/health`) as a
 * nested stack of Omslink-Api: per function its Lambda, role, policy and log group, and the group's API Gateway
 * resources (its anchor and everything below), methods and invoke permissions. The parent keeps the REST API,
 * deployment and stage, authorizer, WAF and Cognito; so the parent's size no longer grows with the routes, and
 * each nested stack grows only with its own area (ARCHITECTURE §6, docs/architecture-notes.md).
 */
export class ApiRouteStack extends NestedStack {
  readonly functions: OmsFunction[] = [];
  readonly methods: Method[] = [];
  private readonly anchor: Resource;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: ApiRouteStackProps,
  ) {
    super(scope, id, props);
    const { group } = props;
    this.anchor = new Resource(this, 'Anchor', { parent: props.anchorParent, pathPart: group.anchorPart });
    for (const spec of group.rest) this.addRestRoute(spec);
    for (const spec of group.soap) this.addSoapService(spec);
  }

  private resourceFor(path: string): IResource {
    const { anchorPath } = this.props.group;
    if (path !== anchorPath && !path.startsWith(`${anchorPath}/`)) {
      throw new Error(`${path} does not lie below ${anchorPath}, the anchor of ${this.node.path}`);
    }
    return this.anchor.resourceForPath(path.slice(anchorPath.length + 1));
  }

  private addRestRoute(spec: RestFunction): void {
    const fn = this.addFunction(spec);
    const { authorizer, validator } = this.props.context;
    if (spec.auth === 'user') {
      this.addMethod(spec.method, spec.path, fn, {
        authorizationType: AuthorizationType.COGNITO,
        authorizer,
        requestValidator: validator,
      });
      return;
    }
    const method = this.addMethod(spec.method, spec.path, fn, this.publicOptions());
    acknowledgePublicMethod(
      method,
      `Public by design in functions/manifest.ts (${spec.name}: no token yet).`,
    );
  }

  private addSoapService(spec: SoapFunction): void {
    const fn = this.addFunction(spec);
    // SOAP callers authenticate inside the message (WS-Security UsernameToken or HTTP Basic), checked by the
    // handler; GET serves `?wsdl`.
    for (const { httpMethod, path } of soapMethodsOf(spec)) {
      const method = this.addMethod(httpMethod, path, fn, this.publicOptions());
      acknowledgePublicMethod(
        method,
        'SOAP: callers authenticate with WS-Security/Basic inside the handler.',
      );
    }
  }

  /**
   * A Lambda proxy integration, and the permission for API Gateway to invoke the function from exactly this
   * method of the stage. (LambdaIntegration would name the Stage resource of the parent in the permission, and
   * the stage's deployment depends on this stack: a cycle.)
   */
  private addMethod(httpMethod: string, path: string, fn: OmsFunction, options: MethodOptions): Method {
    const { api, stageName } = this.props.context;
    const integration = new AwsIntegration({
      proxy: true,
      service: 'lambda',
      path: `2015-03-31/functions/${fn.functionArn}/invocations`,
    });
    const method = this.resourceFor(path).addMethod(httpMethod, integration, options);
    fn.addPermission(`ApiPermission.${httpMethod}.${path.replace(/\//g, '.')}`, {
      principal: new ServicePrincipal('apigateway.amazonaws.com'),
      scope: method,
      sourceArn: api.arnForExecuteApi(httpMethod, path.replace(/\{[^}]*\}/g, '*'), stageName),
    });
    this.methods.push(method);
    return method;
  }

  private addFunction(spec: FunctionSpec): OmsFunction {
    const { context } = this.props;
    const fn = new OmsFunction(this, spec.name, {
      spec,
      database: context.database,
      projectRoot: context.projectRoot,
      environment: {
        ...exchangeEnvironment(context.stores),
        COGNITO_USER_POOL_ID: context.users.userPool.userPoolId,
        COGNITO_CLIENT_ID: context.users.webClient.userPoolClientId,
      },
    });
    grantExchangeAccess(fn, spec.kind, context.stores);
    if (spec.kind === 'rest' && spec.cognitoAdmin) {
      context.users.userPool.grant(fn, ...context.cognitoAdminActions);
    }
    this.functions.push(fn);
    return fn;
  }

  private publicOptions(): MethodOptions {
    return { authorizationType: AuthorizationType.NONE, requestValidator: this.props.context.validator };
  }
}

function acknowledgePublicMethod(method: Method, reason: string): void {
  Validations.of(method).acknowledge(
    { id: 'AwsSolutions-APIG4', reason },
    { id: 'AwsSolutions-COG4', reason },
  );
}
