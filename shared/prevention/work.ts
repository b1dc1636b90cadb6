import { defineAreaWork } from '../platform/area';
import { registryImportedJob } from './jobs';

/** The prevention area's background work: what it derives from registry imports (listed in shared/area-work.ts). */
export const preventionWork = defineAreaWork({ id: 'prevention', jobs: [registryImportedJob] });
