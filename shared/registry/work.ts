import { defineAreaWork } from '../platform/area';
import { registryPackageJob } from './jobs';

/** The registry area's background work: importing uploaded registry-invoice packages (listed in shared/area-work.ts). */
export const registryWork = defineAreaWork({ id: 'registry', jobs: [registryPackageJob] });
