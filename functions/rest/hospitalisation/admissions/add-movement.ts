import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { getAdmission } from '../../../../shared/hospitalisation/db/queries';
import { hospitalisationPermissions } from '../../../../shared/hospitalisation/permissions';
import { int32, isoDate } from '../../../../shared/platform/flk/edge-types';
import { parseBody, requirePermission, restHandler } from '../../../lib/rest';
import { sendOne } from '../send-records';
import { stayOfPath } from './stay-of-path';

const Body = z.object({
  departmentCode: z.string().trim().min(1).max(20),
  profile: int32,
  bedProfile: int32,
  date: isoDate,
});

/** POST /api/v1/admissions/{id}/movements — the patient moves to another department of the hospital. */
export const handler = restHandler({ auth: 'user' }, async (request) => {
  const who = requirePermission(request.caller, hospitalisationPermissions.send);
  const body = parseBody(request.event, Body);
  const stay = await stayOfPath(request);
  await sendOne(request.ports, { ...who, requestId: request.requestId }, 'movement', {
    sourceId: randomUUID(),
    admissionSourceId: stay.sourceId,
    ...body,
  });
  return { body: await request.db((tx) => getAdmission(tx, stay.id)) };
});
