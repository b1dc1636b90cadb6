import * as z from 'zod';
import { queryInt } from '../../../../shared/platform/flk/edge-types';
import { listPlanEntries } from '../../../../shared/prevention/db/plan-queries';
import { preventionPermissions } from '../../../../shared/prevention/permissions';
import { parseQuery, requirePermission, restHandler } from '../../../lib/rest';
import { flagParam, idParam, kindParam, moCodeParam, optional, pageParams } from '../query-schemas';

const Query = z.object({
  year: queryInt(2000, 2100),
  kind: kindParam,
  moCode: moCodeParam,
  personId: idParam,
  districtCode: optional(z.string().trim().min(1).max(20)),
  month: optional(queryInt(1, 12)),
  withWithdrawn: flagParam,
  ...pageParams,
});

/** GET /api/v1/prevention/plans?year=… — the plan entries within the caller's scope, a page at a time. */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, preventionPermissions.readPlan);
  const query = parseQuery(event, Query);
  const page = await db((tx) => listPlanEntries(tx, query as Parameters<typeof listPlanEntries>[1]));
  return { body: { ...page, page: query.page, pageSize: query.pageSize } };
});
