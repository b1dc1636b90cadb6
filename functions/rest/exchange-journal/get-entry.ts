import { exchangeJournalPermissions } from '../../../shared/exchange-journal/permissions';
import { journalEntry } from '../../../shared/platform/exchange/journal';
import { problems } from '../../lib/problem';
import { requirePermission, restHandler } from '../../lib/rest';
import { entryIdOf, journalSources } from './journal-query';

/** GET /api/v1/exchange-journal/{id} — one package with its protocol's FLK findings grouped by code and field. */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, exchangeJournalPermissions.read);
  const id = entryIdOf(event.pathParameters?.id);
  const entry = await db((tx) => journalEntry(tx, journalSources, id));
  if (!entry) throw problems.notFound(`Пакет ${id} не найден в журнале обмена.`);
  return { body: entry };
});
