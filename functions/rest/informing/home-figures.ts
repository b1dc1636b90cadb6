import { informingWorklists } from '../../../shared/informing/db/home-figures';
import { informingPermissions } from '../../../shared/informing/permissions';
import { requirePermission, restHandler } from '../../lib/rest';

/**
 * GET /api/v1/informing/home — the home page's informing worklists for the caller: an СМО's open requests due
 * today and overdue (each count the rows of `/api/v1/informing/requests?worklist=`); none for the others.
 */
export const handler = restHandler({ auth: 'user' }, async ({ caller, db, requestId }) => {
  const who = requirePermission(caller, informingPermissions.read);
  return { body: { worklists: await db((tx) => informingWorklists(tx, { ...who, requestId })) } };
});
