import { definePermissions } from '../platform/access/permissions';

/** What each role may do in this area (scope is row-level security's business). */
export const preventionPermissions = definePermissions({
  sendSchedule: {
    id: 'prevention.schedule.send',
    description: 'Publish exam schedules and contact phones (an МО, for itself).',
    roles: ['mo_registrar', 'mo_head', 'mo_admin', 'mo_system'],
  },
  readSchedule: {
    id: 'prevention.schedule.read',
    description: "Read every МО's exam schedules and contact phones.",
    roles: [
      'mo_registrar',
      'mo_head',
      'mo_admin',
      'mo_system',
      'smo_representative',
      'smo_admin',
      'smo_system',
      'tfoms_analyst',
      'fund_admin',
      'nsi_operator',
    ],
  },
});
