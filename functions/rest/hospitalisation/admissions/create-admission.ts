import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { getAdmission } from '../../../../shared/hospitalisation/db/queries';
import { hospitalisationPermissions } from '../../../../shared/hospitalisation/permissions';
import { parseBody, requirePermission, restHandler } from '../../../lib/rest';
import { sendOne } from '../send-records';

const Body = z.object({}).passthrough();

/** POST /api/v1/admissions — a hospital records an emergency (or planned) admission (canonical T2/T3 record). */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, ports, db, requestId }) => {
  const who = requirePermission(caller, hospitalisationPermissions.send);
  const record = { sourceId: randomUUID(), moCode: who.orgCode, ...parseBody(event, Body) };
  const { id, warnings } = await sendOne(ports, { ...who, requestId }, 'admission', record);
  return { status: 201, body: { ...(await db((tx) => getAdmission(tx, id))), warnings } };
});
