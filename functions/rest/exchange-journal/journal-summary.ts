import * as z from 'zod';
import { exchangeJournalPermissions } from '../../../shared/exchange-journal/permissions';
import {
  countJournalBySender,
  dailyVolume,
  silentOrganisations,
} from '../../../shared/platform/exchange/journal';
import type { JournalFilter } from '../../../shared/platform/exchange/journal-source';
import { queryInt } from '../../../shared/platform/flk/edge-types';
import { parseQuery, requirePermission, restHandler } from '../../lib/rest';
import { journalSources, ownScope } from './journal-query';

const Query = z.object({ silentDays: queryInt(1, 365).default(3), days: queryInt(1, 90).default(30) });

/**
 * GET /api/v1/exchange-journal/summary — the home page's view of the exchange in the caller's scope: packages
 * rejected today by sender, daily volume, and (the fund only) how many medical organisations are silent. Each
 * count comes from the same filter as the list its link opens (`today` is the database's date).
 */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  const who = requirePermission(caller, exchangeJournalPermissions.read);
  const q = parseQuery(event, Query);
  return {
    body: await db(async (tx) => {
      const [{ today } = { today: '' }] = await tx<{ today: string }[]>`select current_date::text as today`;
      const rejectedToday = await countJournalBySender(
        tx,
        journalSources,
        ownScope(who, { status: 'rejected' as const, from: today, to: today }),
      );
      const daily = await dailyVolume(tx, journalSources, q.days, ownScope(who, {} as JournalFilter).sender);
      const silent =
        who.orgKind === 'TFOMS'
          ? {
              days: q.silentDays,
              count: (await silentOrganisations(tx, journalSources, ['MO'], q.silentDays)).length,
            }
          : null;
      return { today, rejectedToday, daily, silent };
    }),
  };
});
