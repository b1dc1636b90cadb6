import { defineAreaWork } from '../platform/area';
import { registryDemoStory } from './demo/demo-story';
import { registryPackageJob } from './jobs';

/** The registry area's background work: importing uploaded registry-invoice packages, and a year of demo packages. */
export const registryWork = defineAreaWork({
  id: 'registry',
  jobs: [registryPackageJob],
  demoStories: [registryDemoStory],
});
