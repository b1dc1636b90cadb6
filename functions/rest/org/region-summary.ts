import { demoRegion } from '../../../shared/demo/region-structure';
import { regionCounts } from '../../../shared/org/db/region-repository';
import { restHandler } from '../../lib/rest';

/** GET /api/v1/region/summary — aggregate figures of the region for the start page. */
export const handler = restHandler({ auth: 'user' }, async ({ ports }) => ({
  body: { regionName: demoRegion.name, counts: await regionCounts(await ports.sql()) },
}));
