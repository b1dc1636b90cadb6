import { hospitalisationWork } from './hospitalisation/work';
import { nsiWork } from './nsi/work';
import { personWork } from './person/work';
import { type AreaWork, gatherWork } from './platform/area';
import { registryWork } from './registry/work';

/**
 * The areas' background work (shared/<area>/work.ts): queue jobs and demo stories. Kept apart from the
 * registrations of shared/areas.ts because this is the heavy half — file readers, package processors, the
 * demo generators — which only the queue consumer and the local runtime run; a function that reads the
 * registrations (`/me`, sign-in, the person card) bundles none of it. An area with jobs or a demo story adds
 * its `work` here (docs/adding-an-area.md).
 */
export const areaWork: readonly AreaWork[] = [nsiWork, personWork, hospitalisationWork, registryWork];

/** The jobs by queue message kind and the demo stories, gathered once. */
export const registeredWork = gatherWork(areaWork);
