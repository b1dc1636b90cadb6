import { exchangeJournalPermissions } from '../../../shared/exchange-journal/permissions';
import { silentOrganisations } from '../../../shared/platform/exchange/journal';
import { problems } from '../../lib/problem';
import { parseQuery, requirePermission, restHandler } from '../../lib/rest';
import { journalSources, SilentQuery } from './journal-query';

/**
 * GET /api/v1/exchange-journal/silent?days=N — medical organisations that sent nothing over any channel for N
 * days (the fund's worklist: others see only their own packages, so they cannot tell; they are refused).
 */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  const who = requirePermission(caller, exchangeJournalPermissions.read);
  const { days } = parseQuery(event, SilentQuery);
  if (who.orgKind !== 'TFOMS') throw problems.forbidden();
  return { body: { days, items: await db((tx) => silentOrganisations(tx, journalSources, ['MO'], days)) } };
});
