import { App } from 'aws-cdk-lib';
import { addNagChecks } from './stacks/nag-checks';
import { createOmslinkStacks } from './stacks/omslink-stacks';

const app = new App();
createOmslinkStacks(app);
addNagChecks(app);
app.synth();
