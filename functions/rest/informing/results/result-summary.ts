import * as z from 'zod';
import { resultSummary } from '../../../../shared/informing/db/result-journal';
import { informingPermissions } from '../../../../shared/informing/permissions';
import { isoDate } from '../../../../shared/platform/flk/edge-types';
import { parseQuery, requirePermission, restHandler } from '../../../lib/rest';

const Query = z.object({ from: isoDate, to: isoDate });

/** GET /api/v1/informing/results/summary?from&to — per СМО, method and outcome: results and persons (counts). */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, informingPermissions.read);
  const query = parseQuery(event, Query);
  return { body: { ...query, items: await db((tx) => resultSummary(tx, query)) } };
});
