import { preventionWorklists } from '../../../shared/prevention/db/home-figures';
import { preventionPermissions } from '../../../shared/prevention/permissions';
import { requirePermission, restHandler } from '../../lib/rest';

/**
 * GET /api/v1/prevention/home — the home page's prevention worklists for the caller: an МО's persons due this
 * month not yet started, an СМО's insured persons due (each count the rows of `/api/v1/prevention/due?month=`).
 */
export const handler = restHandler({ auth: 'user' }, async ({ caller, db, requestId }) => {
  const who = requirePermission(caller, preventionPermissions.readPlan);
  return { body: { worklists: await db((tx) => preventionWorklists(tx, { ...who, requestId })) } };
});
