import { saveOncoList } from '../../../../shared/registry/db/onco-lists';
import { OncoListBody } from '../../../../shared/registry/domain/onco-criteria-params';
import { registryPermissions } from '../../../../shared/registry/permissions';
import { parseBody, requirePermission, restHandler } from '../../../lib/rest';

/** POST /api/v1/onco/lists — saves criteria under a name (shared with the organisation when `shared`). */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  const who = requirePermission(caller, registryPermissions.saveOncoLists);
  const body = parseBody(event, OncoListBody);
  return { status: 201, body: await db((tx) => saveOncoList(tx, who, body)) };
});
