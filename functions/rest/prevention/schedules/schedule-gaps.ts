import * as z from 'zod';
import { scheduleCompleteness } from '../../../../shared/prevention/db/schedule-queries';
import { preventionPermissions } from '../../../../shared/prevention/permissions';
import { problems } from '../../../lib/problem';
import { parseQuery, requirePermission, restHandler } from '../../../lib/rest';
import { moCodeParam, monthParam } from '../query-schemas';

const Query = z.object({ from: monthParam, to: monthParam, moCode: moCodeParam });

/**
 * GET /api/v1/prevention/schedules/gaps?from=YYYY-MM&to=YYYY-MM — the completeness check: for each МО and month,
 * whether it offers evening and Saturday hours.
 */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, preventionPermissions.readSchedule);
  const query = parseQuery(event, Query);
  if (query.to < query.from) {
    throw problems.invalid([
      { code: '904', field: 'to', value: query.to, message: 'Конец периода раньше его начала' },
    ]);
  }
  return { body: { items: await db((tx) => scheduleCompleteness(tx, query)) } };
});
