import * as z from 'zod';
import { processPreventionPackage } from '../../../../shared/prevention/db/process-package';
import { preventionPermissions } from '../../../../shared/prevention/permissions';
import { parseBody, requirePermission, restHandler } from '../../../lib/rest';

const Body = z.object({
  packageId: z.string().trim().min(1).max(64),
  records: z.array(z.object({}).passthrough()).min(1).max(5000),
});

/**
 * POST /api/v1/prevention/schedules — an МО publishes slots of its exam schedule (a package: each slot by its own
 * id, sent again to change or cancel it); answers the package protocol (400 when nothing was accepted).
 */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, ports, requestId }) => {
  const who = requirePermission(caller, preventionPermissions.sendSchedule);
  const { packageId, records } = parseBody(event, Body);
  const protocol = await processPreventionPackage(
    await ports.sql(),
    { ...who, requestId },
    'schedule-slot',
    { packageId, senderCode: who.orgCode },
    records,
  );
  return { status: protocol.accepted > 0 || protocol.status === 'duplicate' ? 200 : 400, body: protocol };
});
