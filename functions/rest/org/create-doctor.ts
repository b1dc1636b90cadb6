import { createDoctor } from '../../../shared/org/db/doctor-writes';
import { checkDoctor } from '../../../shared/org/domain/organisation-flk';
import { DoctorCreate } from '../../../shared/org/domain/organisation-input';
import { orgPermissions } from '../../../shared/org/permissions';
import { parseBody, requirePermission, restHandler } from '../../lib/rest';
import { pathParam, refuseIfAny } from './org-problem';

/** POST /api/v1/organisations/{code}/doctors — a doctor of the МО (СНИЛС checked, specialty in V021). */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, orgPermissions.edit);
  const moCode = pathParam(event, 'code');
  const input = parseBody(event, DoctorCreate);
  const { snils, errors } = checkDoctor(input);
  refuseIfAny(errors);
  await db((tx) => createDoctor(tx, moCode, snils!, input));
  return { status: 201, body: { moCode, snils } };
});
