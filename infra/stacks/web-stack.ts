import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type CfnElement, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import {
  AllowedMethods,
  type BehaviorOptions,
  CachePolicy,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HttpVersion,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { RestApiOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { repositoryRoot } from '../constructs/project-paths';
import { AccessLogsBucket, SecureBucket } from '../constructs/secure-bucket';

/** Paths CloudFront sends to the REST API instead of the single-page app. */
export const apiPathPatterns = ['/api/*', '/soap/*', '/health'] as const;

export interface WebStackProps extends StackProps {
  readonly api: RestApi;
  /** The Vite build output; deployed only when it holds an index.html at synth time. */
  readonly webDistDir?: string;
}

/**
 * One HTTPS origin for everything: the React app from a private S3 bucket (origin access control) and the API
 * paths routed to API Gateway, so the browser never needs CORS for the API.
 *
 * Client-side routes (`/persons/123`) are rewritten to /index.html by a viewer-request function on the app
 * behaviour only. Distribution-wide custom error responses would do the same but also replace the API's own
 * 403/404 answers (problem+json, SOAP faults) with the app's HTML.
 */
export class WebStack extends Stack {
  readonly bucket: SecureBucket;
  readonly distribution: Distribution;
  readonly deploysWebBuild: boolean;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);
    const webDistDir = props.webDistDir ?? join(repositoryRoot, 'web', 'dist');

    const logs = new AccessLogsBucket(this, 'AccessLogs', { acceptsCloudFrontLogs: true });
    this.bucket = new SecureBucket(this, 'WebBucket', { accessLogs: logs });

    const spaRouting = new EdgeFunction(this, 'SpaRouting', {
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Rewrite client-side routes (no file extension) to /index.html',
      code: FunctionCode.fromInline(
        "function handler(event) { var r = event.request; if (r.uri.indexOf('.') === -1) { r.uri = '/index.html'; } return r; }",
      ),
    });

    const apiBehavior: BehaviorOptions = {
      origin: new RestApiOrigin(props.api),
      allowedMethods: AllowedMethods.ALLOW_ALL,
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      // API Gateway needs its own Host header; everything else (Authorization, SOAPAction, query) goes through.
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      compress: true,
    };

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'omslink web UI and API',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
        functionAssociations: [{ function: spaRouting, eventType: FunctionEventType.VIEWER_REQUEST }],
        compress: true,
      },
      additionalBehaviors: Object.fromEntries(apiPathPatterns.map((pattern) => [pattern, apiBehavior])),
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
    });

    this.deploysWebBuild = existsSync(join(webDistDir, 'index.html'));
    if (this.deploysWebBuild) {
      new BucketDeployment(this, 'WebBuild', {
        sources: [Source.asset(webDistDir)],
        destinationBucket: this.bucket,
        distribution: this.distribution,
        distributionPaths: ['/*'],
      });
      acknowledgeBucketDeploymentHandler(this, this.bucket);
    }

    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'Users are regional staff and integrators; access is by sign-in (Cognito) and WS-Security, not geography.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'A CloudFront web ACL must live in us-east-1 and this app is environment-agnostic; the API paths are ' +
          'protected by the regional WAF on the API stage, the rest is static files.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'No custom domain yet: the default *.cloudfront.net certificate is fixed at the TLSv1 policy; set ' +
          'TLSv1.2_2021 with the client domain and its ACM certificate.',
      },
    );
  }
}

/** CDK's singleton Lambda that copies the web build into the bucket (a deploy-time custom resource). */
function acknowledgeBucketDeploymentHandler(stack: Stack, bucket: SecureBucket): void {
  const handler = stack.node.children.find((child) =>
    child.node.id.startsWith('Custom::CDKBucketDeployment'),
  );
  if (!handler) return;
  const bucketLogicalId = stack.getLogicalId(bucket.node.defaultChild as CfnElement);
  const because = (what: string) => `CDK bucket-deployment custom resource (deploy time only): ${what}`;
  Validations.of(handler).acknowledge(
    {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: because('AWS-managed policy for its own CloudWatch logging.'),
    },
    {
      id: 'AwsSolutions-L1',
      reason: because('its runtime is chosen and upgraded by aws-cdk-lib, not by this project.'),
    },
    ...['s3:GetBucket*', 's3:GetObject*', 's3:List*', 's3:Abort*', 's3:DeleteObject*'].map((action) => ({
      id: `AwsSolutions-IAM5[Action::${action}]`,
      reason: because(
        'aws-cdk-lib grants read of the asset bucket and sync (write/delete) of the web bucket.',
      ),
    })),
    {
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]',
      reason: because('reads the zipped web build from the CDK bootstrap asset bucket.'),
    },
    {
      id: `AwsSolutions-IAM5[Resource::<${bucketLogicalId}.Arn>/*]`,
      reason: because('replaces every object of the web bucket with the new build.'),
    },
    {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: because('cloudfront:CreateInvalidation/GetInvalidation are granted on "*" by aws-cdk-lib.'),
    },
  );
}
