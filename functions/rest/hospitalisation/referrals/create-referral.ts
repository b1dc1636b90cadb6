import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { getReferral } from '../../../../shared/hospitalisation/db/queries';
import { hospitalisationPermissions } from '../../../../shared/hospitalisation/permissions';
import { parseBody, requirePermission, restHandler } from '../../../lib/rest';
import { sendOne } from '../send-records';

const Body = z.object({}).passthrough();

/** POST /api/v1/referrals — an МО issues a referral (canonical T1 record; its own МО is the sender). */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, ports, db, requestId }) => {
  const who = requirePermission(caller, hospitalisationPermissions.send);
  const body = parseBody(event, Body);
  const record = { sourceId: randomUUID(), fromMoCode: who.orgCode, ...body };
  const { id, warnings } = await sendOne(ports, { ...who, requestId }, 'referral', record);
  const referral = await db((tx) => getReferral(tx, id));
  return { status: 201, body: { ...referral, warnings } };
});
