import * as z from 'zod';
import { queryInt } from '../../../../shared/platform/flk/edge-types';
import { Refusal } from '../../../../shared/platform/flk/refusal';
import { draftList } from '../../../../shared/prevention/db/draft-list';
import { preventionKinds } from '../../../../shared/prevention/domain/exam-steps';
import { preventionPermissions } from '../../../../shared/prevention/permissions';
import { parseQuery, requirePermission, restHandler } from '../../../lib/rest';
import { pageParams } from '../query-schemas';

const Query = z.object({ year: queryInt(2000, 2100), kind: z.enum(preventionKinds), ...pageParams });

/**
 * GET /api/v1/prevention/plans/draft?year&kind — the calling МО's draft plan list: its attached persons the
 * kind is due for that year, not yet planned or examined, as plan-entry records to adjust and send.
 */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  const who = requirePermission(caller, preventionPermissions.sendPlan);
  if (who.orgKind !== 'MO') throw Refusal.forbidden('Проект плана формирует медицинская организация');
  const query = parseQuery(event, Query);
  const page = await db((tx) => draftList(tx, { ...query, moCode: who.orgCode }));
  return { body: { ...page, page: query.page, pageSize: query.pageSize } };
});
