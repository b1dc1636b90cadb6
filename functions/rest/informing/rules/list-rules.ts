import { listRules } from '../../../../shared/informing/db/rules';
import { informingPermissions } from '../../../../shared/informing/permissions';
import { requirePermission, restHandler } from '../../../lib/rest';

/** GET /api/v1/informing/rules — the rules that generate informing requests. */
export const handler = restHandler({ auth: 'user' }, async ({ caller, db }) => {
  requirePermission(caller, informingPermissions.read);
  return { body: { items: await db((tx) => listRules(tx)) } };
});
