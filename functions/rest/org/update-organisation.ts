import { findOrganisationRecord } from '../../../shared/org/db/organisation-repository';
import { changeOrganisation } from '../../../shared/org/db/organisation-writes';
import { OrgRefusal } from '../../../shared/org/domain/org-refusal';
import { checkOrganisation } from '../../../shared/org/domain/organisation-flk';
import { OrganisationFields } from '../../../shared/org/domain/organisation-input';
import { parseBody, requirePermission, restHandler } from '../../lib/rest';
import { pathParam, refusalsAsProblems } from './org-problem';

/** PUT /api/v1/organisations/{code} — requisites and dates (code and kind do not change). */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, 'organisations.edit');
  const code = pathParam(event, 'code');
  const input = parseBody(event, OrganisationFields);
  await refusalsAsProblems(() =>
    db(async (tx) => {
      const org = await findOrganisationRecord(tx, code, true);
      if (!org) throw OrgRefusal.notFound(`Организация с кодом «${code}» не найдена.`);
      const errors = checkOrganisation(org.kind, input);
      if (errors.length > 0) throw OrgRefusal.invalid(errors);
      await changeOrganisation(tx, code, input);
    }),
  );
  return { body: { code } };
});
