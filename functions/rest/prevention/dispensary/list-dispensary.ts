import * as z from 'zod';
import { listDispensary } from '../../../../shared/prevention/db/observation-queries';
import { preventionPermissions } from '../../../../shared/prevention/permissions';
import { parseQuery, requirePermission, restHandler } from '../../../lib/rest';
import { flagParam, idParam, moCodeParam, pageParams } from '../query-schemas';

const Query = z.object({
  moCode: moCodeParam,
  personId: idParam,
  overdue: flagParam,
  open: flagParam,
  ...pageParams,
});

/** GET /api/v1/prevention/dispensary — ДН records in the caller's scope, overdue first; `overdue=true` only those. */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, preventionPermissions.readPlan);
  const query = parseQuery(event, Query);
  const page = await db((tx) => listDispensary(tx, query as Parameters<typeof listDispensary>[1]));
  return { body: { ...page, page: query.page, pageSize: query.pageSize } };
});
