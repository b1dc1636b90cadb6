import * as z from 'zod';
import { dueList } from '../../../../shared/prevention/db/funnel-queries';
import { preventionPermissions } from '../../../../shared/prevention/permissions';
import { parseQuery, requirePermission, restHandler } from '../../../lib/rest';
import { kindParam, monthParam, pageParams } from '../query-schemas';

const Query = z.object({ month: monthParam, kind: kindParam, ...pageParams });

/**
 * GET /api/v1/prevention/due?month=YYYY-MM — persons planned for the month who have not started (the МО's
 * worklist; for an СМО its insured persons due), a page at a time.
 */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, preventionPermissions.readPlan);
  const query = parseQuery(event, Query);
  const page = await db((tx) => dueList(tx, query as Parameters<typeof dueList>[1]));
  return { body: { ...page, page: query.page, pageSize: query.pageSize } };
});
