import * as z from 'zod';
import { listConsultations } from '../../../shared/consultation/db/queries';
import { consultationPermissions } from '../../../shared/consultation/permissions';
import { pageNumber, pageSize } from '../../../shared/platform/flk/edge-types';
import { idParam, optional } from '../../lib/query-params';
import { parseQuery, requirePermission, restHandler } from '../../lib/rest';

const Query = z.object({
  direction: optional(z.enum(['incoming', 'outgoing'])),
  status: optional(z.enum(['requested', 'done', 'cancelled'])),
  personId: idParam,
  page: pageNumber(),
  pageSize: pageSize(200, 50),
});

/** GET /api/v1/consultations — consultations in the caller's scope, newest first. */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, consultationPermissions.read);
  const query = parseQuery(event, Query);
  const page = await db((tx) => listConsultations(tx, query as Parameters<typeof listConsultations>[1]));
  return { body: { ...page, page: query.page, pageSize: query.pageSize } };
});
