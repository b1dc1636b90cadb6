import { defineAreaWork } from '../platform/area';
import { erzExtractJob } from './jobs';

/** The person area's background work: importing an uploaded ЕРЗ extract (listed in shared/area-work.ts). */
export const personWork = defineAreaWork({ id: 'person', jobs: [erzExtractJob] });
