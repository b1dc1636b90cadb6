import { defineArea } from '../platform/area';

/**
 * The demo region (organisations, persons, accounts) every area's demo story starts from: generated
 * deterministically from a seed at the first local start (infra/local), never deployed as data.
 */
export const demoArea = defineArea({ id: 'demo', core: true });
