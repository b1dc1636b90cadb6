import { definePermissions } from '../platform/access/permissions';

/** Who may read the exchange journal (scope is row-level security's business). */
export const exchangeJournalPermissions = definePermissions({
  read: {
    id: 'exchange.journal.read',
    description:
      'Read the exchange journal: packages of every area and channel with their protocols (the fund all, an organisation its own).',
    roles: [
      'mo_registrar',
      'mo_head',
      'mo_admin',
      'smo_representative',
      'smo_admin',
      'tfoms_analyst',
      'fund_admin',
      'nsi_operator',
    ],
  },
});
