import { listOncoLists } from '../../../../shared/registry/db/onco-lists';
import { registryPermissions } from '../../../../shared/registry/permissions';
import { requirePermission, restHandler } from '../../../lib/rest';

/** GET /api/v1/onco/lists — the caller's saved criteria and those shared within their organisation. */
export const handler = restHandler({ auth: 'user' }, async ({ caller, db }) => {
  requirePermission(caller, registryPermissions.readOnco);
  return { body: { items: await db((tx) => listOncoLists(tx)) } };
});
