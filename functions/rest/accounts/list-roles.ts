import { grantableRoles } from '../../../shared/accounts/domain/account-rules';
import {
  isSystemRole,
  organisationKindTitles,
  roleOrganisationKind,
  roles,
  roleTitles,
} from '../../../shared/platform/access/roles';
import { problems } from '../../lib/problem';
import { restHandler } from '../../lib/rest';

/** GET /api/v1/roles — every role with its title, organisation kind, channel, and whether the caller may grant it. */
export const handler = restHandler({ auth: 'user' }, async ({ caller }) => {
  if (!caller) throw problems.unauthorized();
  const grantable = grantableRoles(caller);
  return {
    body: {
      items: roles.map((role) => ({
        role,
        title: roleTitles[role],
        orgKind: roleOrganisationKind[role],
        orgKindTitle: organisationKindTitles[roleOrganisationKind[role]],
        system: isSystemRole(role),
        accountKind: isSystemRole(role) ? 'system' : 'person',
        grantable: grantable.includes(role),
      })),
    },
  };
});
