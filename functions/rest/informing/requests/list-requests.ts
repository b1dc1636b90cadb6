import * as z from 'zod';
import { listRequests, requestWorklists } from '../../../../shared/informing/db/request-queries';
import { informingReasons } from '../../../../shared/informing/domain/codes';
import { informingPermissions } from '../../../../shared/informing/permissions';
import { pageNumber, pageSize } from '../../../../shared/platform/flk/edge-types';
import { codeListParam, flagParam, idParam, optional } from '../../../lib/query-params';
import { parseQuery, requirePermission, restHandler } from '../../../lib/rest';

const Query = z.object({
  status: optional(z.enum(['open', 'informed', 'refused', 'closed'])),
  overdue: flagParam,
  /** One reason or several, comma-separated. */
  reason: codeListParam(informingReasons),
  personId: idParam,
  /** A representative's user name, or `me`. */
  assignee: optional(
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_.-]{2,64}$/, 'Имя пользователя: латинские буквы, цифры, «_», «.», «-»'),
  ),
  worklist: optional(z.enum(requestWorklists)),
  page: pageNumber(),
  pageSize: pageSize(500, 50),
});

/** GET /api/v1/informing/requests — the СМО's worklist, the МО's sent requests, the fund's all; deadline order. */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, informingPermissions.read);
  const query = parseQuery(event, Query);
  const page = await db((tx) => listRequests(tx, query as Parameters<typeof listRequests>[1]));
  return { body: { ...page, page: query.page, pageSize: query.pageSize } };
});
