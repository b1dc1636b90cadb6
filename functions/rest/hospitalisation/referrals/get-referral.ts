import { getReferral } from '../../../../shared/hospitalisation/db/queries';
import { hospitalisationPermissions } from '../../../../shared/hospitalisation/permissions';
import { problems } from '../../../lib/problem';
import { requirePermission, restHandler } from '../../../lib/rest';

/** GET /api/v1/referrals/{id} — one referral with its history; outside the caller's scope it does not exist. */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, hospitalisationPermissions.read);
  const referral = await db((tx) => getReferral(tx, event.pathParameters?.id ?? ''));
  if (!referral) throw problems.notFound('Направление не найдено или недоступно вашей организации.');
  return { body: referral };
});
