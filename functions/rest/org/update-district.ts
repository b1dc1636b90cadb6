import { changeDistrict } from '../../../shared/org/db/district-writes';
import { checkDistrict } from '../../../shared/org/domain/organisation-flk';
import { DistrictFields } from '../../../shared/org/domain/organisation-input';
import { orgPermissions } from '../../../shared/org/permissions';
import { parseBody, requirePermission, restHandler } from '../../lib/rest';
import { pathParam, refuseIfAny } from './org-problem';

/** PUT /api/v1/organisations/{code}/districts/{districtCode} — kind, doctor, closing date. */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, orgPermissions.edit);
  const moCode = pathParam(event, 'code');
  const code = pathParam(event, 'districtCode');
  const input = parseBody(event, DistrictFields);
  const { doctorSnils, errors } = checkDistrict(input);
  refuseIfAny(errors);
  await db((tx) => changeDistrict(tx, moCode, code, input, doctorSnils!));
  return { body: { moCode, code } };
});
