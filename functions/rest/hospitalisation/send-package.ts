import * as z from 'zod';
import { hospMessageKinds } from '../../../shared/hospitalisation/db/process-package';
import { hospitalisationPermissions } from '../../../shared/hospitalisation/permissions';
import { PackageHeader } from '../../../shared/platform/exchange/package-header';
import { problems } from '../../lib/problem';
import { parseBody, requirePermission, restHandler } from '../../lib/rest';
import { sendPackage } from './send-records';

const Body = z.object({ header: PackageHeader, records: z.array(z.unknown()).min(1).max(5000) });

/** POST /api/v1/hospitalisation/packages/{kind} — the REST mirror of the SOAP Send operations. */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, ports, requestId }) => {
  const kind = event.pathParameters?.kind ?? '';
  if (!(hospMessageKinds as readonly string[]).includes(kind)) {
    throw problems.notFound(
      `Неизвестный вид сведений «${kind.slice(0, 32)}»: ${hospMessageKinds.join(', ')}.`,
    );
  }
  const who = requirePermission(
    caller,
    kind === 'cancellation' ? hospitalisationPermissions.cancelReferral : hospitalisationPermissions.send,
  );
  const { header, records } = parseBody(event, Body);
  const protocol = await sendPackage(
    ports,
    { ...who, requestId },
    kind as (typeof hospMessageKinds)[number],
    header,
    records,
  );
  return { body: protocol };
});
