import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { getAdmission } from '../../../../shared/hospitalisation/db/queries';
import { hospitalisationPermissions } from '../../../../shared/hospitalisation/permissions';
import { int16, isoDate } from '../../../../shared/platform/flk/edge-types';
import { parseBody, requirePermission, restHandler } from '../../../lib/rest';
import { sendOne } from '../send-records';
import { stayOfPath } from './stay-of-path';

const Body = z.object({ date: isoDate, outcome: int16 });

/** POST /api/v1/admissions/{id}/discharge — the hospital records the discharge (T5). */
export const handler = restHandler({ auth: 'user' }, async (request) => {
  const who = requirePermission(request.caller, hospitalisationPermissions.send);
  const body = parseBody(request.event, Body);
  const stay = await stayOfPath(request);
  await sendOne(request.ports, { ...who, requestId: request.requestId }, 'discharge', {
    sourceId: randomUUID(),
    admissionSourceId: stay.sourceId,
    ...body,
  });
  return { body: await request.db((tx) => getAdmission(tx, stay.id)) };
});
