import { definePermissions } from '../platform/access/permissions';

/** What each role may do in this area (scope is row-level security's business). */
export const nsiPermissions = definePermissions({
  load: {
    id: 'nsi.load',
    description: 'Load a new publication of a reference directory (НСИ).',
    roles: ['nsi_operator', 'fund_admin'],
  },
  configureFlk: {
    id: 'flk.configure',
    description: 'Change the severity of FLK rules.',
    roles: ['nsi_operator', 'fund_admin'],
  },
});
