import { createDepartment } from '../../../shared/org/db/department-writes';
import { checkDepartment } from '../../../shared/org/domain/organisation-flk';
import { DepartmentCreate } from '../../../shared/org/domain/organisation-input';
import { orgPermissions } from '../../../shared/org/permissions';
import { parseBody, requirePermission, restHandler } from '../../lib/rest';
import { pathParam, refuseIfAny } from './org-problem';

/** POST /api/v1/organisations/{code}/departments — a department with its bed stock by V020 profile. */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, orgPermissions.edit);
  const moCode = pathParam(event, 'code');
  const input = parseBody(event, DepartmentCreate);
  refuseIfAny(checkDepartment(input, input.code));
  await db((tx) => createDepartment(tx, moCode, input));
  return { status: 201, body: { moCode, code: input.code } };
});
