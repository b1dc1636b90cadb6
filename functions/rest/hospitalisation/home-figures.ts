import {
  freeBedsByProfile,
  waitingDays,
  worklistCounts,
} from '../../../shared/hospitalisation/db/home-figures';
import { hospitalisationPermissions } from '../../../shared/hospitalisation/permissions';
import { requirePermission, restHandler } from '../../lib/rest';

/** How far back the waiting-days histogram looks. */
const waitingWindowDays = 90;

/**
 * GET /api/v1/hospitalisation/home — the home page's hospitalisation figures for the caller: the worklists of
 * the caller's organisation with their counts (each the rows of the list `?worklist=<id>` opens), the region's
 * free beds by profile and the waiting days from referral to admission in the caller's scope.
 */
export const handler = restHandler({ auth: 'user' }, async ({ caller, db, requestId }) => {
  const who = requirePermission(caller, hospitalisationPermissions.read);
  return {
    body: await db(async (tx) => ({
      worklists: await worklistCounts(tx, { ...who, requestId }),
      freeBedsByProfile: await freeBedsByProfile(tx),
      waitingDays: { days: waitingWindowDays, bins: await waitingDays(tx, who, waitingWindowDays) },
    })),
  };
});
