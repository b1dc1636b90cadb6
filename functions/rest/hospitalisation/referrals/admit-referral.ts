import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { getAdmission, getReferral } from '../../../../shared/hospitalisation/db/queries';
import { hospitalisationPermissions } from '../../../../shared/hospitalisation/permissions';
import { int32, isoDate } from '../../../../shared/platform/flk/edge-types';
import { problems } from '../../../lib/problem';
import { parseBody, requirePermission, restHandler } from '../../../lib/rest';
import { sendOne } from '../send-records';

const Body = z.object({
  departmentCode: z.string().trim().min(1).max(20),
  date: isoDate,
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .optional(),
  caseNumber: z.string().trim().min(1).max(50),
  diagnosis: z.string().trim().min(3).max(6).optional(),
  bedProfile: int32.optional(),
  profile: int32.optional(),
});

/** POST /api/v1/referrals/{id}/admit — the target hospital admits the patient on this referral. */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, ports, db, requestId }) => {
  const who = requirePermission(caller, hospitalisationPermissions.send);
  const body = parseBody(event, Body);
  const referral = await db((tx) => getReferral(tx, event.pathParameters?.id ?? ''));
  if (!referral) throw problems.notFound('Направление не найдено или недоступно вашей организации.');
  const { id } = await sendOne(ports, { ...who, requestId }, 'admission', {
    sourceId: randomUUID(),
    kind: 'planned',
    referralNumber: referral.number,
    referralDate: referral.date,
    form: referral.form,
    moCode: who.orgCode,
    departmentCode: body.departmentCode,
    conditions: referral.conditions,
    profile: body.profile ?? referral.profile,
    bedProfile: body.bedProfile ?? referral.bedProfile,
    date: body.date,
    time: body.time,
    caseNumber: body.caseNumber,
    diagnosis: body.diagnosis ?? referral.diagnosis,
    patient: { enp: referral.person?.enp },
  });
  return { status: 201, body: await db((tx) => getAdmission(tx, id)) };
});
