import { exchangeJournalPermissions } from '../../../shared/exchange-journal/permissions';
import { journalEntryIssues } from '../../../shared/platform/exchange/journal';
import { protocolCsv } from '../../../shared/platform/exchange/journal-protocol';
import { problems } from '../../lib/problem';
import { requirePermission, restHandler } from '../../lib/rest';
import { csvDownload } from '../audit/csv-download';
import { entryIdOf, journalSources } from './journal-query';

/** GET /api/v1/exchange-journal/{id}/protocol — a package's protocol as a CSV file, one line per finding. */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, exchangeJournalPermissions.read);
  const id = entryIdOf(event.pathParameters?.id);
  const found = await db((tx) => journalEntryIssues(tx, journalSources, id));
  if (!found) throw problems.notFound(`Пакет ${id} не найден в журнале обмена.`);
  return csvDownload(event, protocolCsv(found.issues), `protocol-${found.entry.id}.csv`);
});
