import { definePermissions } from '../platform/access/permissions';

const moRoles = ['mo_registrar', 'mo_head', 'mo_admin', 'mo_system'] as const;
const smoRoles = ['smo_representative', 'smo_admin', 'smo_system'] as const;

/** What each role may do in the informing area (scope is row-level security's business). */
export const informingPermissions = definePermissions({
  sendRequest: {
    id: 'informing.request.send',
    description: 'Send informing requests for persons (an МО).',
    roles: [...moRoles],
  },
  read: {
    id: 'informing.read',
    description:
      'Read informing requests and results within the scope (the МО its own, the СМО its insured, the fund all).',
    roles: [...moRoles, ...smoRoles, 'tfoms_analyst', 'fund_admin', 'tfoms_system'],
  },
  sendResult: {
    id: 'informing.result.send',
    description: 'Record informing results of the requests routed to the СМО.',
    roles: [...smoRoles],
  },
  manageRules: {
    id: 'informing.rules.manage',
    description: 'Switch and tune the rules that generate informing requests, and run them (the fund).',
    roles: ['tfoms_analyst', 'fund_admin', 'tfoms_system'],
  },
});
