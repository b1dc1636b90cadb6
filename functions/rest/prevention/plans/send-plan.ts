import * as z from 'zod';
import { processPreventionPackage } from '../../../../shared/prevention/db/process-package';
import { preventionPermissions } from '../../../../shared/prevention/permissions';
import { parseBody, requirePermission, restHandler } from '../../../lib/rest';

const Body = z.object({
  packageId: z.string().trim().min(1).max(64),
  records: z.array(z.object({}).passthrough()).min(1).max(5000),
});

/**
 * POST /api/v1/prevention/plans — an МО sends entries of its plan list (a package: each person by the entry's
 * own id, sent again to change or withdraw it); answers the package protocol (400 when nothing was accepted).
 */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, ports, requestId }) => {
  const who = requirePermission(caller, preventionPermissions.sendPlan);
  const { packageId, records } = parseBody(event, Body);
  const protocol = await processPreventionPackage(
    await ports.sql(),
    { ...who, requestId },
    'plan-entry',
    { packageId, senderCode: who.orgCode },
    records,
  );
  return { status: protocol.accepted > 0 || protocol.status === 'duplicate' ? 200 : 400, body: protocol };
});
