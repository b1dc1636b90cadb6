import { createDistrict } from '../../../shared/org/db/district-writes';
import { checkDistrict } from '../../../shared/org/domain/organisation-flk';
import { DistrictCreate } from '../../../shared/org/domain/organisation-input';
import { orgPermissions } from '../../../shared/org/permissions';
import { parseBody, requirePermission, restHandler } from '../../lib/rest';
import { pathParam, refuseIfAny } from './org-problem';

/** POST /api/v1/organisations/{code}/districts — a district whose doctor works in the same МО. */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, orgPermissions.edit);
  const moCode = pathParam(event, 'code');
  const input = parseBody(event, DistrictCreate);
  const { doctorSnils, errors } = checkDistrict(input, input.code);
  refuseIfAny(errors);
  await db((tx) => createDistrict(tx, moCode, input, doctorSnils!));
  return { status: 201, body: { moCode, code: input.code } };
});
