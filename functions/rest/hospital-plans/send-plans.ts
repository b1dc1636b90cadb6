import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { parseBody, requirePermission, restHandler } from '../../lib/rest';
import { sendPackage } from '../hospitalisation/send-records';

const Body = z.object({ records: z.array(z.object({}).passthrough()).min(1).max(5000) });

/** POST /api/v1/hospital-plans — a hospital sends its plan lines; answers the package protocol. */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, ports, requestId }) => {
  const who = requirePermission(caller, 'hospitalisation.send');
  const { records } = parseBody(event, Body);
  const withIds = records.map((r) => ({ sourceId: randomUUID(), moCode: who.orgCode, ...r }));
  const protocol = await sendPackage(
    ports,
    { ...who, requestId },
    'plan',
    {
      packageId: `web-${randomUUID()}`,
      senderCode: who.orgCode,
    },
    withIds,
  );
  return { status: protocol.accepted > 0 ? 200 : 400, body: protocol };
});
