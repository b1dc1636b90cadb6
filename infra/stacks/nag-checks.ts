import { type App, type Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';

/**
 * Runs the cdk-nag AWS Solutions pack at synth (cdk-nag 3: a CDK validation plugin, not an aspect). Any finding
 * that is neither fixed nor acknowledged — `Validations.of(construct).acknowledge({ id, reason })` on the
 * narrowest construct — fails the synth.
 */
export function addNagChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
}

/**
 * Acknowledges the findings of a singleton Lambda that aws-cdk-lib itself adds to a stack (log retention,
 * bucket notifications): the AWS-managed logging policy and the "*" resource CDK grants its one action on.
 */
export function acknowledgeCdkSingletonHandler(
  stack: Stack,
  childId: string,
  what: string,
  action: string,
): void {
  const handler = stack.node.tryFindChild(childId);
  if (!handler) return;
  Validations.of(handler).acknowledge(
    {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: `CDK ${what} custom resource: AWS-managed policy for its own CloudWatch logging.`,
    },
    {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: `CDK ${what} custom resource: ${action} is granted on "*" by aws-cdk-lib.`,
    },
  );
}
