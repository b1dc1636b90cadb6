import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import type { HospMessageKind } from '../../../shared/hospitalisation/db/process-package';
import { hospitalisationPermissions } from '../../../shared/hospitalisation/permissions';
import { parseBody, requirePermission, restHandler } from '../../lib/rest';
import { sendPackage } from './send-records';

const Body = z.object({ records: z.array(z.object({}).passthrough()).min(1).max(5000) });

/**
 * A route through which a hospital sends a list of its own records (free beds, plan lines) from the UI: each
 * record gets an id and the caller's МО, the list one package; answers the package protocol (400 when nothing
 * was accepted).
 */
export function sendOwnRecordsRoute(kind: HospMessageKind) {
  return restHandler({ auth: 'user' }, async ({ event, caller, ports, requestId }) => {
    const who = requirePermission(caller, hospitalisationPermissions.send);
    const { records } = parseBody(event, Body);
    const withIds = records.map((r) => ({ sourceId: randomUUID(), moCode: who.orgCode, ...r }));
    const protocol = await sendPackage(
      ports,
      { ...who, requestId },
      kind,
      { packageId: `web-${randomUUID()}`, senderCode: who.orgCode },
      withIds,
    );
    return { status: protocol.accepted > 0 ? 200 : 400, body: protocol };
  });
}
