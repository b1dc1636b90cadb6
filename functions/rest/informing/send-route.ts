import * as z from 'zod';
import {
  type InformingMessageKind,
  processInformingPackage,
} from '../../../shared/informing/db/process-package';
import type { Permission } from '../../../shared/platform/access/permissions';
import { parseBody, requirePermission, restHandler } from '../../lib/rest';

/**
 * A route through which a package of one informing kind is sent (`{ packageId, records }`); answers the package
 * protocol, 400 when nothing was accepted.
 */
export function informingSendRoute(kind: InformingMessageKind, permission: Permission) {
  const Body = z.object({
    packageId: z.string().trim().min(1).max(64),
    records: z.array(z.object({}).passthrough()).min(1).max(5000),
  });
  return restHandler({ auth: 'user' }, async ({ event, caller, ports, requestId }) => {
    const who = requirePermission(caller, permission);
    const { packageId, records } = parseBody(event, Body);
    const protocol = await processInformingPackage(
      await ports.sql(),
      { ...who, requestId },
      kind,
      { packageId, senderCode: who.orgCode },
      records,
    );
    return { status: protocol.accepted > 0 || protocol.status === 'duplicate' ? 200 : 400, body: protocol };
  });
}
