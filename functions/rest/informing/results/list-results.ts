import * as z from 'zod';
import { listResults } from '../../../../shared/informing/db/result-journal';
import { informingPermissions } from '../../../../shared/informing/permissions';
import { isoDate, pageNumber, pageSize, queryInt } from '../../../../shared/platform/flk/edge-types';
import { idParam, optional } from '../../../lib/query-params';
import { parseQuery, requirePermission, restHandler } from '../../../lib/rest';

const Query = z.object({
  from: optional(isoDate),
  to: optional(isoDate),
  method: optional(queryInt(1, 7)),
  outcome: optional(queryInt(1, 5)),
  smoCode: optional(z.string().regex(/^\d{5}$/, 'Код СМО из 5 цифр')),
  personId: idParam,
  page: pageNumber(),
  pageSize: pageSize(500, 50),
});

/** GET /api/v1/informing/results — the journal of informing results in the caller's scope, the latest first. */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, informingPermissions.read);
  const query = parseQuery(event, Query);
  const page = await db((tx) => listResults(tx, query));
  return { body: { ...page, page: query.page, pageSize: query.pageSize } };
});
