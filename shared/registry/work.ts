import { defineAreaWork } from '../platform/area';
import { registryPackageJob } from './jobs';

/** The registry area's background work: importing uploaded registry-invoice packages, and a year of demo packages. */
export const registryWork = defineAreaWork({
  id: 'registry',
  jobs: [registryPackageJob],
  demoStories: [
    {
      title: 'demo registry-invoice packages (a year, oncology paths)',
      // Loaded when it runs: the queue consumer bundles this list without the demo generators.
      run: async (sql, options) => (await import('./demo/demo-story')).runRegistryDemoStory(sql, options),
    },
  ],
});
