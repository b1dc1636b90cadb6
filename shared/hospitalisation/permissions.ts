import { definePermissions } from '../platform/access/permissions';

/** What each role may do in this area (scope is row-level security's business). */
export const hospitalisationPermissions = definePermissions({
  send: {
    id: 'hospitalisation.send',
    description: 'Send referrals, admissions, discharges, free beds and plans (an МО, for itself).',
    roles: ['mo_registrar', 'mo_head', 'mo_admin', 'mo_system'],
  },
  cancelReferral: {
    id: 'referrals.cancel',
    description: "Cancel a referral (either МО of it, or the person's СМО).",
    roles: [
      'mo_registrar',
      'mo_head',
      'mo_admin',
      'mo_system',
      'smo_representative',
      'smo_admin',
      'smo_system',
    ],
  },
  read: {
    id: 'hospitalisation.read',
    description: 'Read referrals, stays, free beds and plans within the scope.',
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
