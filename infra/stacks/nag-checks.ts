import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';

/**
 * Runs the cdk-nag AWS Solutions pack at synth (cdk-nag 3: a CDK validation plugin, not an aspect). Any finding
 * that is neither fixed nor acknowledged — `Validations.of(construct).acknowledge({ id, reason })` on the
 * narrowest construct — fails the synth.
 */
export function addNagChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
}
