import { changeDoctor } from '../../../shared/org/db/doctor-writes';
import { checkDoctorSnils } from '../../../shared/org/domain/organisation-flk';
import { DoctorFields } from '../../../shared/org/domain/organisation-input';
import { orgPermissions } from '../../../shared/org/permissions';
import { parseBody, requirePermission, restHandler } from '../../lib/rest';
import { pathParam, refuseIfAny } from './org-problem';

/** PUT /api/v1/organisations/{code}/doctors/{snils} — name and specialty (СНИЛС in any usual spelling). */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, orgPermissions.edit);
  const moCode = pathParam(event, 'code');
  const { snils, errors } = checkDoctorSnils(pathParam(event, 'snils'));
  refuseIfAny(errors);
  const input = parseBody(event, DoctorFields);
  await db((tx) => changeDoctor(tx, moCode, snils!, input));
  return { body: { moCode, snils } };
});
