import { defineAreaWork } from '../platform/area';
import { tFileJob } from './jobs';

/** The hospitalisation area's background work: T-file imports (listed in shared/area-work.ts). */
export const hospitalisationWork = defineAreaWork({ id: 'hospitalisation', jobs: [tFileJob] });
