import * as z from 'zod';
import { generateRequests } from '../../../../shared/informing/db/rules';
import { informingPermissions } from '../../../../shared/informing/permissions';
import { isoDate } from '../../../../shared/platform/flk/edge-types';
import { Refusal } from '../../../../shared/platform/flk/refusal';
import { parseBody, requirePermission, restHandler } from '../../../lib/rest';

const Body = z.object({ date: isoDate.optional() });

/**
 * POST /api/v1/informing/generate — the fund runs the enabled rules now (for `date`, default today): the requests
 * each rule made; a second run makes none for the same facts.
 */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  const who = requirePermission(caller, informingPermissions.manageRules);
  if (who.orgKind !== 'TFOMS')
    throw Refusal.forbidden('Заявки на информирование по правилам формирует ТФОМС');
  const { date } = event.body ? parseBody(event, Body) : { date: undefined };
  const today = date ?? new Date().toISOString().slice(0, 10);
  const runs = await db((tx) => generateRequests(tx, today));
  return { body: { date: today, rules: runs, made: runs.reduce((s, r) => s + r.made, 0) } };
});
