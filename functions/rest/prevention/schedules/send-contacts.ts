import * as z from 'zod';
import { processPreventionPackage } from '../../../../shared/prevention/db/process-package';
import { preventionPermissions } from '../../../../shared/prevention/permissions';
import { parseBody, requirePermission, restHandler } from '../../../lib/rest';

const Body = z.object({
  packageId: z.string().trim().min(1).max(64),
  records: z.array(z.object({}).passthrough()).min(1).max(100),
});

/** POST /api/v1/prevention/contacts — an МО's contact phones for informing; answers the package protocol. */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, ports, requestId }) => {
  const who = requirePermission(caller, preventionPermissions.sendSchedule);
  const { packageId, records } = parseBody(event, Body);
  const protocol = await processPreventionPackage(
    await ports.sql(),
    { ...who, requestId },
    'contact',
    { packageId, senderCode: who.orgCode },
    records,
  );
  return { status: protocol.accepted > 0 || protocol.status === 'duplicate' ? 200 : 400, body: protocol };
});
