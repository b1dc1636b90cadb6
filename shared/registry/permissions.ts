import { definePermissions } from '../platform/access/permissions';

const everyStaffRole = [
  'mo_registrar',
  'mo_head',
  'mo_admin',
  'mo_system',
  'smo_representative',
  'smo_admin',
  'smo_system',
  'tfoms_analyst',
  'fund_admin',
] as const;

/** What each role may do in this area (scope is row-level security's business). */
export const registryPermissions = definePermissions({
  send: {
    id: 'registries.send',
    description: 'Send registry-invoice packages (an МО, for itself).',
    roles: ['mo_registrar', 'mo_head', 'mo_admin', 'mo_system'],
  },
  read: {
    id: 'registries.read',
    description: 'Read the journal of registry-invoice packages and their FLK protocols within the scope.',
    roles: [...everyStaffRole],
  },
  readOnco: {
    id: 'onco.read',
    description: 'Read the oncology register: persons, their cases and timelines, lists by criteria.',
    roles: [...everyStaffRole],
  },
  saveOncoLists: {
    id: 'onco.lists.save',
    description: 'Save and share criteria of the oncology list builder.',
    roles: [
      'mo_head',
      'mo_admin',
      'mo_registrar',
      'smo_representative',
      'smo_admin',
      'tfoms_analyst',
      'fund_admin',
    ],
  },
});
