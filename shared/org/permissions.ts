import { definePermissions } from '../platform/access/permissions';

/** What each role may do in this area (scope is row-level security's business). */
export const orgPermissions = definePermissions({
  edit: {
    id: 'organisations.edit',
    description:
      'Maintain organisations, departments, beds, districts, doctors; import the F003/F002 directories.',
    roles: ['nsi_operator', 'fund_admin'],
  },
});
