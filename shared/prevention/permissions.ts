import { definePermissions } from '../platform/access/permissions';

const moRoles = ['mo_registrar', 'mo_head', 'mo_admin', 'mo_system'] as const;
const smoRoles = ['smo_representative', 'smo_admin', 'smo_system'] as const;

/** What each role may do in this area (scope is row-level security's business). */
export const preventionPermissions = definePermissions({
  sendPlan: {
    id: 'prevention.plan.send',
    description: 'Send the plan lists of preventive examinations and ДН (an МО, for its attached persons).',
    roles: [...moRoles],
  },
  readPlan: {
    id: 'prevention.plan.read',
    description: 'Read plan lists within the scope (the МО its own, the СМО its insured, the fund all).',
    roles: [...moRoles, ...smoRoles, 'tfoms_analyst', 'fund_admin', 'tfoms_system'],
  },
  sendSchedule: {
    id: 'prevention.schedule.send',
    description: 'Publish exam schedules and contact phones (an МО, for itself).',
    roles: [...moRoles],
  },
  readSchedule: {
    id: 'prevention.schedule.read',
    description: "Read every МО's exam schedules and contact phones.",
    roles: [...moRoles, ...smoRoles, 'tfoms_analyst', 'fund_admin', 'tfoms_system', 'nsi_operator'],
  },
});
