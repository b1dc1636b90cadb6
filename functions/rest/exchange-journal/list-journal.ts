import { exchangeJournalPermissions } from '../../../shared/exchange-journal/permissions';
import { listJournal } from '../../../shared/platform/exchange/journal';
import { parseQuery, requirePermission, restHandler } from '../../lib/rest';
import { JournalListQuery, journalSources, ownScope } from './journal-query';

/**
 * GET /api/v1/exchange-journal — packages of every area and channel, newest first, filtered (period, sender,
 * channel, kind, status), paged with `hasMore`. Row-level security: the fund sees all, an organisation its own.
 */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  const who = requirePermission(caller, exchangeJournalPermissions.read);
  const query = ownScope(who, parseQuery(event, JournalListQuery));
  return { body: await db((tx) => listJournal(tx, journalSources, query)) };
});
