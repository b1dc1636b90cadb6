import { definePermissions } from '../platform/access/permissions';

/** What each role may do in this area (scope is row-level security's business). */
export const accountsPermissions = definePermissions({
  manage: {
    id: 'accounts.manage',
    description: 'Manage accounts (of the own organisation; the fund administrator: all).',
    roles: ['mo_admin', 'smo_admin', 'fund_admin'],
  },
});
