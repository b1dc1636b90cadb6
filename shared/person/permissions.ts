import { definePermissions } from '../platform/access/permissions';

/** What each role may do in this area (scope is row-level security's business). */
export const personPermissions = definePermissions({
  read: {
    id: 'persons.read',
    description: "Search persons and open a person card (rows limited to the caller's scope by RLS).",
    roles: [
      'mo_registrar',
      'mo_head',
      'mo_admin',
      'smo_representative',
      'smo_admin',
      'tfoms_analyst',
      'nsi_operator',
      'fund_admin',
    ],
  },
  queryAffiliation: {
    id: 'persons.query-affiliation',
    description: "The insurance-affiliation query (ЕРЗ ZP1 idea): any participant checks a person's policy.",
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
      'tfoms_system',
    ],
  },
  importErz: {
    id: 'erz.import',
    description: 'Load ЕРЗ extracts into the register.',
    roles: ['fund_admin', 'tfoms_system'],
  },
  readErzImports: {
    id: 'erz.read-imports',
    description: 'See the journal of ЕРЗ imports.',
    roles: ['fund_admin', 'tfoms_analyst', 'nsi_operator', 'tfoms_system'],
  },
});
