import * as z from 'zod';
import { listScheduleSlots } from '../../../../shared/prevention/db/schedule-queries';
import { preventionPermissions } from '../../../../shared/prevention/permissions';
import { parseQuery, requirePermission, restHandler } from '../../../lib/rest';
import {
  flagParam,
  isoDateParam,
  kindParam,
  methodParam,
  moCodeParam,
  optional,
  pageParams,
} from '../query-schemas';

const Query = z.object({
  moCode: moCodeParam,
  kind: kindParam,
  method: methodParam,
  evening: flagParam,
  saturday: flagParam,
  from: isoDateParam,
  to: isoDateParam,
  withCancelled: optional(z.enum(['true', 'false']).transform((v) => v === 'true')),
  ...pageParams,
});

/** GET /api/v1/prevention/schedules — every МО's published slots in date order (evening, Saturday, mobile). */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, preventionPermissions.readSchedule);
  const query = parseQuery(event, Query);
  const page = await db((tx) => listScheduleSlots(tx, query as Parameters<typeof listScheduleSlots>[1]));
  return { body: { ...page, page: query.page, pageSize: query.pageSize } };
});
