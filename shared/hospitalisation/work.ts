import { defineAreaWork } from '../platform/area';
import { tFileJob } from './jobs';

/** The hospitalisation area's background work: T-file imports and the demo story (listed in shared/area-work.ts). */
export const hospitalisationWork = defineAreaWork({
  id: 'hospitalisation',
  jobs: [tFileJob],
  demoStories: [
    {
      title: 'demo hospitalisation story',
      // Loaded when it runs: the queue consumer bundles this list without the demo generators.
      run: async (sql, options) =>
        (await import('./demo/demo-story')).runHospitalisationDemoStory(sql, options),
    },
  ],
});
