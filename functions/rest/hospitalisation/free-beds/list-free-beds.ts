import * as z from 'zod';
import { listFreeBeds } from '../../../../shared/hospitalisation/db/queries';
import { freeBedsWorklists } from '../../../../shared/hospitalisation/domain/worklists';
import { hospitalisationPermissions } from '../../../../shared/hospitalisation/permissions';
import { parseQuery, requirePermission, restHandler } from '../../../lib/rest';
import { codeParam, intParam, isoDateParam, optional, smallIntParam } from '../query-schemas';

const Query = z.object({
  date: isoDateParam,
  profile: intParam,
  bedProfile: intParam,
  conditions: smallIntParam,
  moCode: codeParam(6),
  worklist: optional(z.enum(freeBedsWorklists)),
});

/** GET /api/v1/free-beds — the region's free beds by hospital, department and bed profile (latest report). */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  const who = requirePermission(caller, hospitalisationPermissions.read);
  const query = { ...parseQuery(event, Query), orgCode: who.orgCode };
  return { body: { items: await db((tx) => listFreeBeds(tx, query)) } };
});
