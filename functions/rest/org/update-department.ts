import { changeDepartment } from '../../../shared/org/db/department-writes';
import { checkDepartment } from '../../../shared/org/domain/organisation-flk';
import { DepartmentFields } from '../../../shared/org/domain/organisation-input';
import { orgPermissions } from '../../../shared/org/permissions';
import { parseBody, requirePermission, restHandler } from '../../lib/rest';
import { pathParam, refuseIfAny } from './org-problem';

/** PUT /api/v1/organisations/{code}/departments/{departmentCode} — the department; its bed list is replaced. */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, orgPermissions.edit);
  const moCode = pathParam(event, 'code');
  const code = pathParam(event, 'departmentCode');
  const input = parseBody(event, DepartmentFields);
  refuseIfAny(checkDepartment(input));
  await db((tx) => changeDepartment(tx, moCode, code, input));
  return { body: { moCode, code } };
});
