import { schemaIssues } from '../../../../shared/platform/flk/schema-issues';
import { listOncoPersons } from '../../../../shared/registry/db/onco-queries';
import { OncoCriteria } from '../../../../shared/registry/domain/onco-criteria';
import { criteriaFromParams, OncoListQuery } from '../../../../shared/registry/domain/onco-criteria-params';
import { registryPermissions } from '../../../../shared/registry/permissions';
import { problems } from '../../../lib/problem';
import { parseQuery, requirePermission, restHandler } from '../../../lib/rest';

/**
 * GET /api/v1/onco/persons — the oncology register within the caller's scope by the common criteria as query
 * parameters and/or the whole tree as `criteria=<json>` (combined with AND); a page and `hasMore`.
 */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, registryPermissions.readOnco);
  const query = parseQuery(event, OncoListQuery);
  // The parameters and the tree together stay within the tree's limits (conditions, depth).
  const combined = OncoCriteria.safeParse(criteriaFromParams(query));
  if (!combined.success) throw problems.invalid(schemaIssues(combined.error));
  return { body: await db((tx) => listOncoPersons(tx, combined.data, query)) };
});
