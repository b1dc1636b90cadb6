import * as z from 'zod';
import { processPreventionPackage } from '../../../../shared/prevention/db/process-package';
import { preventionPermissions } from '../../../../shared/prevention/permissions';
import { parseBody, requirePermission, restHandler } from '../../../lib/rest';

const Body = z.object({
  packageId: z.string().trim().min(1).max(64),
  records: z.array(z.object({}).passthrough()).min(1).max(5000),
});

/** POST /api/v1/prevention/steps — an МО reports participation steps; answers the package protocol. */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, ports, requestId }) => {
  const who = requirePermission(caller, preventionPermissions.sendPlan);
  const { packageId, records } = parseBody(event, Body);
  const protocol = await processPreventionPackage(
    await ports.sql(),
    { ...who, requestId },
    'step',
    { packageId, senderCode: who.orgCode },
    records,
  );
  return { status: protocol.accepted > 0 || protocol.status === 'duplicate' ? 200 : 400, body: protocol };
});
