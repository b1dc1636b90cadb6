import { allKinds } from '../platform/access/sections';
import { defineArea } from '../platform/area';
import { exchangeJournalPermissions } from './permissions';

/**
 * The exchange journal («Журнал обмена») spans areas: its machinery is the platform's
 * (shared/platform/exchange/journal.ts), each area registers its packages as journal sources
 * (`Area.exchangeJournal`), and this folder only registers the section, the permission and the routes, whose
 * functions read the sources from shared/areas.ts.
 */
export const exchangeJournalArea = defineArea({
  id: 'exchange-journal',
  core: false,
  permissions: Object.values(exchangeJournalPermissions),
  sections: [
    {
      id: 'exchange-journal',
      title: 'Журнал обмена',
      path: '/exchange-journal',
      kinds: allKinds,
      permission: exchangeJournalPermissions.read,
      available: true,
      order: 170,
    },
  ],
  // The fixed paths precede `{id}` (the local router takes the first match).
  rest: [
    {
      kind: 'rest',
      name: 'ExchangeJournalList',
      entry: 'functions/rest/exchange-journal/list-journal.ts',
      method: 'GET',
      path: '/api/v1/exchange-journal',
      auth: 'user',
    },
    {
      kind: 'rest',
      name: 'ExchangeJournalSummary',
      entry: 'functions/rest/exchange-journal/journal-summary.ts',
      method: 'GET',
      path: '/api/v1/exchange-journal/summary',
      auth: 'user',
    },
    {
      kind: 'rest',
      name: 'ExchangeJournalSilent',
      entry: 'functions/rest/exchange-journal/silent-organisations.ts',
      method: 'GET',
      path: '/api/v1/exchange-journal/silent',
      auth: 'user',
    },
    {
      kind: 'rest',
      name: 'ExchangeJournalEntry',
      entry: 'functions/rest/exchange-journal/get-entry.ts',
      method: 'GET',
      path: '/api/v1/exchange-journal/{id}',
      auth: 'user',
    },
    {
      kind: 'rest',
      name: 'ExchangeJournalProtocol',
      entry: 'functions/rest/exchange-journal/download-protocol.ts',
      method: 'GET',
      path: '/api/v1/exchange-journal/{id}/protocol',
      auth: 'user',
    },
  ],
});
