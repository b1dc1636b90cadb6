import * as z from 'zod';
import { informingTimeliness } from '../../../../shared/informing/db/request-queries';
import { informingReasons } from '../../../../shared/informing/domain/codes';
import { informingPermissions } from '../../../../shared/informing/permissions';
import { isoDate } from '../../../../shared/platform/flk/edge-types';
import { optional } from '../../../lib/query-params';
import { parseQuery, requirePermission, restHandler } from '../../../lib/rest';

const Query = z.object({ from: isoDate, to: isoDate, reason: optional(z.enum(informingReasons)) });

/** GET /api/v1/informing/timeliness?from&to — per СМО: requests, informed on time, late, overdue (counts only). */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, informingPermissions.read);
  const query = parseQuery(event, Query);
  return { body: { ...query, items: await db((tx) => informingTimeliness(tx, query)) } };
});
