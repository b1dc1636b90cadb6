import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { getReferral } from '../../../../shared/hospitalisation/db/queries';
import { hospitalisationPermissions } from '../../../../shared/hospitalisation/permissions';
import { int16, isoDate } from '../../../../shared/platform/flk/edge-types';
import { problems } from '../../../lib/problem';
import { parseBody, requirePermission, restHandler } from '../../../lib/rest';
import { sendOne } from '../send-records';

const Body = z.object({
  reason: int16,
  date: isoDate.optional(),
  comment: z.string().trim().max(250).optional(),
});

/** POST /api/v1/referrals/{id}/cancel — the referring МО, the hospital or the СМО cancels with a reason 1–9. */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, ports, db, requestId }) => {
  const who = requirePermission(caller, hospitalisationPermissions.cancelReferral);
  const body = parseBody(event, Body);
  const referral = await db((tx) => getReferral(tx, event.pathParameters?.id ?? ''));
  if (!referral) throw problems.notFound('Направление не найдено или недоступно вашей организации.');
  await sendOne(ports, { ...who, requestId }, 'cancellation', {
    sourceId: randomUUID(),
    referralNumber: referral.number,
    referralDate: referral.date,
    reason: body.reason,
    date: body.date ?? new Date().toISOString().slice(0, 10),
    comment: body.comment,
  });
  return { body: await db((tx) => getReferral(tx, referral.id)) };
});
