import { definePermissions } from '../platform/access/permissions';

const moRoles = ['mo_registrar', 'mo_head', 'mo_admin', 'mo_system'] as const;

/** What each role may do with telemedicine consultations (scope is row-level security's business). */
export const consultationPermissions = definePermissions({
  send: {
    id: 'consultation.send',
    description: 'Request telemedicine consultations and send conclusions (an МО).',
    roles: [...moRoles],
  },
  read: {
    id: 'consultation.read',
    description: 'Read consultations within the scope (both МО, the person’s СМО, the fund).',
    roles: [
      ...moRoles,
      'smo_representative',
      'smo_admin',
      'smo_system',
      'tfoms_analyst',
      'fund_admin',
      'tfoms_system',
    ],
  },
});
