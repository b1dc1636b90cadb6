import { hospitalisationWork } from './hospitalisation/work';
import { nsiWork } from './nsi/work';
import { personWork } from './person/work';
import { type AreaWork, gatherWork } from './platform/area';
import { preventionWork } from './prevention/work';
import { registryWork } from './registry/work';

/**
 * The areas' background work (shared/<area>/work.ts): their queue jobs. Kept apart from the registrations of
 * shared/areas.ts because this is the heavy half — file readers, package processors — which only the queue
 * consumer and the local runtime run; a function that reads the registrations (`/me`, sign-in, the person card)
 * bundles none of it. The demo stories are apart again (shared/area-demos.ts), out of the consumer. An area with
 * jobs adds its `work` here (docs/adding-an-area.md).
 */
export const areaWork: readonly AreaWork[] = [
  nsiWork,
  personWork,
  hospitalisationWork,
  registryWork,
  preventionWork,
];

/** The jobs by queue message kind, gathered once. */
export const registeredWork = gatherWork(areaWork);
