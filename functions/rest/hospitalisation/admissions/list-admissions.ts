import * as z from 'zod';
import { listAdmissions } from '../../../../shared/hospitalisation/db/queries';
import { admissionWorklists } from '../../../../shared/hospitalisation/domain/worklists';
import { hospitalisationPermissions } from '../../../../shared/hospitalisation/permissions';
import { parseQuery, requirePermission, restHandler } from '../../../lib/rest';
import { codeParam, idParam, isoDateParam, optional, pageParams } from '../query-schemas';

const Query = z.object({
  kind: optional(z.enum(['planned', 'emergency'])),
  state: optional(z.enum(['in_hospital', 'discharged'])),
  moCode: codeParam(6),
  dateFrom: isoDateParam,
  dateTo: isoDateParam,
  personId: idParam,
  worklist: optional(z.enum(admissionWorklists)),
  patient: optional(z.string().trim().max(100)),
  sort: optional(z.enum(['date', '-date'])),
  ...pageParams,
});

/** GET /api/v1/admissions — planned and emergency stays within the caller's scope. */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db, requestId }) => {
  const who = requirePermission(caller, hospitalisationPermissions.read);
  const query = parseQuery(event, Query);
  return { body: await db((tx) => listAdmissions(tx, { ...who, requestId }, query)) };
});
