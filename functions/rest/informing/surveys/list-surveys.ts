import * as z from 'zod';
import { listSurveys } from '../../../../shared/informing/db/survey-list';
import { informingPermissions } from '../../../../shared/informing/permissions';
import { isoDate, pageNumber, pageSize, queryInt } from '../../../../shared/platform/flk/edge-types';
import { idParam, optional } from '../../../lib/query-params';
import { parseQuery, requirePermission, restHandler } from '../../../lib/rest';

const Query = z.object({
  from: optional(isoDate),
  to: optional(isoDate),
  moCode: optional(z.string().regex(/^\d{6}$/, 'Код МО из 6 цифр')),
  condition: optional(queryInt(1, 3)),
  personId: idParam,
  page: pageNumber(),
  pageSize: pageSize(500, 50),
});

/** GET /api/v1/informing/surveys — surveys in the caller's scope (the СМО's, about the МО, all), latest first. */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, informingPermissions.read);
  const query = parseQuery(event, Query);
  const page = await db((tx) => listSurveys(tx, query));
  return { body: { ...page, page: query.page, pageSize: query.pageSize } };
});
