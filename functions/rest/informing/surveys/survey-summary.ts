import * as z from 'zod';
import { surveySummary } from '../../../../shared/informing/db/survey-summary';
import { informingPermissions } from '../../../../shared/informing/permissions';
import { isoDate, queryInt } from '../../../../shared/platform/flk/edge-types';
import { optional } from '../../../lib/query-params';
import { parseQuery, requirePermission, restHandler } from '../../../lib/rest';

const Query = z.object({
  from: isoDate,
  to: isoDate,
  condition: optional(queryInt(1, 3)),
  moCode: optional(z.string().regex(/^\d{6}$/, 'Код МО из 6 цифр')),
});

/** GET /api/v1/informing/surveys/summary?from&to — per МО and condition: surveys and the share satisfied. */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, informingPermissions.read);
  const query = parseQuery(event, Query);
  return { body: { ...query, items: await db((tx) => surveySummary(tx, query)) } };
});
