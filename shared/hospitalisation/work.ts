import { defineAreaWork } from '../platform/area';
import { hospitalisationDemoStory } from './demo/demo-story';
import { tFileJob } from './jobs';

/** The hospitalisation area's background work: T-file imports and the demo story (listed in shared/area-work.ts). */
export const hospitalisationWork = defineAreaWork({
  id: 'hospitalisation',
  jobs: [tFileJob],
  demoStories: [hospitalisationDemoStory],
});
