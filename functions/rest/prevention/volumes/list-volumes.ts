import * as z from 'zod';
import { queryInt } from '../../../../shared/platform/flk/edge-types';
import { listPlanVolumes } from '../../../../shared/prevention/db/plan-volume-queries';
import { preventionPermissions } from '../../../../shared/prevention/permissions';
import { parseQuery, requirePermission, restHandler } from '../../../lib/rest';
import { kindParam, moCodeParam } from '../query-schemas';

const Query = z.object({ year: queryInt(2000, 2100), kind: kindParam, moCode: moCodeParam });

/** GET /api/v1/prevention/volumes?year — the plan volumes of every МО (or one) by month and kind. */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, preventionPermissions.readPlan);
  const query = parseQuery(event, Query);
  return { body: { items: await db((tx) => listPlanVolumes(tx, query)) } };
});
