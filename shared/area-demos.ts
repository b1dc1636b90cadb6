import { consultationDemoStory } from './consultation/demo/consultation-story';
import { hospitalisationDemoStory } from './hospitalisation/demo/demo-story';
import { informingDemoStory } from './informing/demo/informing-story';
import type { DemoStory } from './platform/area';
import { preventionPlanStory } from './prevention/demo/plan-story';
import { preventionDemoStory } from './prevention/demo/schedule-story';
import { registryDemoStory } from './registry/demo/demo-story';

/**
 * The areas' demo stories (shared/<area>/demo/demo-story.ts), sent through each area's own exchange after the
 * local start-up, in this order. Only the local runtime reads this list: the demo generators stay out of the queue
 * consumer's bundle (they were 57 KB of its 492 KiB), which reads shared/area-work.ts. An area with a demo story
 * adds it here (docs/adding-an-area.md).
 */
export const demoStories: readonly DemoStory[] = [
  hospitalisationDemoStory,
  preventionDemoStory,
  preventionPlanStory,
  consultationDemoStory,
  // Before informing: its onco rule reads the register the imported registries fill.
  registryDemoStory,
  informingDemoStory,
];
