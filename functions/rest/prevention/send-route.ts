import * as z from 'zod';
import type { Permission } from '../../../shared/platform/access/permissions';
import {
  type PreventionMessageKind,
  processPreventionPackage,
} from '../../../shared/prevention/db/process-package';
import { parseBody, requirePermission, restHandler } from '../../lib/rest';

/**
 * A route through which an МО sends a package of one prevention kind (`{ packageId, records }`, each record under
 * its own id, sent again to change it); answers the package protocol, 400 when nothing was accepted.
 */
export function preventionSendRoute(kind: PreventionMessageKind, permission: Permission, maxRecords = 5000) {
  const Body = z.object({
    packageId: z.string().trim().min(1).max(64),
    records: z.array(z.object({}).passthrough()).min(1).max(maxRecords),
  });
  return restHandler({ auth: 'user' }, async ({ event, caller, ports, requestId }) => {
    const who = requirePermission(caller, permission);
    const { packageId, records } = parseBody(event, Body);
    const protocol = await processPreventionPackage(
      await ports.sql(),
      { ...who, requestId },
      kind,
      { packageId, senderCode: who.orgCode },
      records,
    );
    return { status: protocol.accepted > 0 || protocol.status === 'duplicate' ? 200 : 400, body: protocol };
  });
}
