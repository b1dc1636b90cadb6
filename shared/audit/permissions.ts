import { definePermissions } from '../platform/access/permissions';

/** What each role may do in this area (scope is row-level security's business). */
export const auditPermissions = definePermissions({
  read: {
    id: 'audit.read',
    description: 'Search and export the audit log of the whole region.',
    roles: ['tfoms_analyst', 'fund_admin'],
  },
});
