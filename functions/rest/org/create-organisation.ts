import { createOrganisation } from '../../../shared/org/db/organisation-writes';
import { checkOrganisation, checkOrganisationCode } from '../../../shared/org/domain/organisation-flk';
import { OrganisationCreate } from '../../../shared/org/domain/organisation-input';
import { orgPermissions } from '../../../shared/org/permissions';
import { parseBody, requirePermission, restHandler } from '../../lib/rest';
import { refuseIfAny } from './org-problem';

/** POST /api/v1/organisations — a new МО (F003 code) or СМО (F002 code). */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, orgPermissions.edit);
  const input = parseBody(event, OrganisationCreate);
  refuseIfAny([...checkOrganisationCode(input.kind, input.code), ...checkOrganisation(input.kind, input)]);
  await db((tx) => createOrganisation(tx, input));
  return {
    status: 201,
    body: { code: input.code },
    headers: { location: `/api/v1/organisations/${input.code}` },
  };
});
