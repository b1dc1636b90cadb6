import { listOncoPersons } from '../../../../shared/registry/db/onco-queries';
import { OncoSearchBody } from '../../../../shared/registry/domain/onco-criteria-params';
import { registryPermissions } from '../../../../shared/registry/permissions';
import { parseBody, requirePermission, restHandler } from '../../../lib/rest';

/** POST /api/v1/onco/persons/search — the register by the criteria tree in the body; a page and `hasMore`. */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, registryPermissions.readOnco);
  const body = parseBody(event, OncoSearchBody);
  return { body: await db((tx) => listOncoPersons(tx, body.criteria, body)) };
});
