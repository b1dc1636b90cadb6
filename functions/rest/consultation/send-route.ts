import * as z from 'zod';
import {
  type ConsultationMessageKind,
  processConsultationPackage,
} from '../../../shared/consultation/db/process-package';
import { consultationPermissions } from '../../../shared/consultation/permissions';
import { parseBody, requirePermission, restHandler } from '../../lib/rest';

/** A route through which an МО sends a package of consultation requests or conclusions; 400 when none accepted. */
export function consultationSendRoute(kind: ConsultationMessageKind) {
  const Body = z.object({
    packageId: z.string().trim().min(1).max(64),
    records: z.array(z.object({}).passthrough()).min(1).max(1000),
  });
  return restHandler({ auth: 'user' }, async ({ event, caller, ports, requestId }) => {
    const who = requirePermission(caller, consultationPermissions.send);
    const { packageId, records } = parseBody(event, Body);
    const protocol = await processConsultationPackage(
      await ports.sql(),
      { ...who, requestId },
      kind,
      { packageId, senderCode: who.orgCode },
      records,
    );
    return { status: protocol.accepted > 0 || protocol.status === 'duplicate' ? 200 : 400, body: protocol };
  });
}
