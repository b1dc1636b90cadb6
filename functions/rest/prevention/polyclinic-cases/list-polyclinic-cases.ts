import * as z from 'zod';
import { listPolyclinicCases } from '../../../../shared/prevention/db/observation-queries';
import { preventionPermissions } from '../../../../shared/prevention/permissions';
import { parseQuery, requirePermission, restHandler } from '../../../lib/rest';
import { idParam, isoDateParam, moCodeParam, pageParams } from '../query-schemas';

const Query = z.object({
  moCode: moCodeParam,
  personId: idParam,
  from: isoDateParam,
  to: isoDateParam,
  ...pageParams,
});

/** GET /api/v1/prevention/polyclinic-cases — polyclinic service cases in the caller's scope, latest first. */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, preventionPermissions.readPlan);
  const query = parseQuery(event, Query);
  const page = await db((tx) => listPolyclinicCases(tx, query as Parameters<typeof listPolyclinicCases>[1]));
  return { body: { ...page, page: query.page, pageSize: query.pageSize } };
});
