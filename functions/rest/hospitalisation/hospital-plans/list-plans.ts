import * as z from 'zod';
import { planVersusFact } from '../../../../shared/hospitalisation/db/queries';
import { hospitalisationPermissions } from '../../../../shared/hospitalisation/permissions';
import { queryInt } from '../../../../shared/platform/flk/edge-types';
import { parseQuery, requirePermission, restHandler } from '../../../lib/rest';
import { codeParam, intParam } from '../query-schemas';

const Query = z.object({
  year: queryInt(2000, 2100).default(new Date().getUTCFullYear()),
  month: intParam,
  moCode: codeParam(6),
  smoCode: codeParam(5),
  profile: intParam,
});

/** GET /api/v1/hospital-plans — hospitalisation plans next to the admissions recorded (plan vs fact). */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, hospitalisationPermissions.read);
  const query = parseQuery(event, Query);
  return { body: { items: await db((tx) => planVersusFact(tx, query)) } };
});
