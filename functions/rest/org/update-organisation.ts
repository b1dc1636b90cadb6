import { findOrganisationRecord } from '../../../shared/org/db/organisation-repository';
import { changeOrganisation } from '../../../shared/org/db/organisation-writes';
import { checkOrganisation } from '../../../shared/org/domain/organisation-flk';
import { OrganisationFields } from '../../../shared/org/domain/organisation-input';
import { orgPermissions } from '../../../shared/org/permissions';
import { Refusal } from '../../../shared/platform/flk/refusal';
import { parseBody, requirePermission, restHandler } from '../../lib/rest';
import { pathParam } from './org-problem';

/** PUT /api/v1/organisations/{code} — requisites and dates (code and kind do not change). */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, orgPermissions.edit);
  const code = pathParam(event, 'code');
  const input = parseBody(event, OrganisationFields);
  await db(async (tx) => {
    const org = await findOrganisationRecord(tx, code, true);
    if (!org) throw Refusal.notFound(`Организация с кодом «${code}» не найдена.`);
    const errors = checkOrganisation(org.kind, input);
    if (errors.length > 0) throw Refusal.invalid(errors);
    await changeOrganisation(tx, code, input);
  });
  return { body: { code } };
});
