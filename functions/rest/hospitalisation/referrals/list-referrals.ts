import * as z from 'zod';
import { listReferrals } from '../../../../shared/hospitalisation/db/queries';
import { referralWorklists } from '../../../../shared/hospitalisation/domain/worklists';
import { hospitalisationPermissions } from '../../../../shared/hospitalisation/permissions';
import { parseQuery, requirePermission, restHandler } from '../../../lib/rest';
import { codeParam, idParam, intParam, isoDateParam, optional, pageParams } from '../query-schemas';

const Query = z.object({
  direction: z.enum(['sent', 'incoming', 'all']).default('all'),
  status: optional(z.enum(['issued', 'admitted', 'cancelled', 'expired', 'discharged'])),
  profile: intParam,
  moCode: codeParam(6),
  dateFrom: isoDateParam,
  dateTo: isoDateParam,
  overdue: optional(z.enum(['true', 'false']).transform((v) => v === 'true')),
  personId: idParam,
  worklist: optional(z.enum(referralWorklists)),
  patient: optional(z.string().trim().max(100)),
  q: optional(z.string().trim().max(16)),
  ...pageParams,
  sort: z.enum(['date', '-date', 'plannedDate', '-plannedDate']).default('-date'),
});

/** GET /api/v1/referrals — worklists of referrals within the caller's scope (sent, incoming, overdue …). */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db, requestId }) => {
  const who = requirePermission(caller, hospitalisationPermissions.read);
  const query = parseQuery(event, Query);
  return { body: await db((tx) => listReferrals(tx, { ...who, requestId }, query)) };
});
