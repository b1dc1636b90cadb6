import { defineAreaWork } from '../platform/area';
import { nsiDirectoryJob } from './jobs';

/** The НСИ area's background work: loading an uploaded directory publication (listed in shared/area-work.ts). */
export const nsiWork = defineAreaWork({ id: 'nsi', jobs: [nsiDirectoryJob] });
