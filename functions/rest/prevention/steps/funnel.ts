import * as z from 'zod';
import { queryInt } from '../../../../shared/platform/flk/edge-types';
import { preventionFunnel } from '../../../../shared/prevention/db/funnel-queries';
import { preventionKinds } from '../../../../shared/prevention/domain/exam-steps';
import { preventionPermissions } from '../../../../shared/prevention/permissions';
import { parseQuery, requirePermission, restHandler } from '../../../lib/rest';
import { moCodeParam, optional } from '../query-schemas';

const Query = z.object({
  year: queryInt(2000, 2100),
  kind: z.enum(preventionKinds),
  moCode: moCodeParam,
  districtCode: optional(z.string().trim().min(1).max(20)),
});

/** GET /api/v1/prevention/funnel?year&kind — the funnel of the plan within the caller's scope (counts only). */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, preventionPermissions.readPlan);
  const query = parseQuery(event, Query);
  return { body: { ...query, funnel: await db((tx) => preventionFunnel(tx, query)) } };
});
