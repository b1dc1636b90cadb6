import * as z from 'zod';
import { changeRule } from '../../../../shared/informing/db/rules';
import { informingPermissions } from '../../../../shared/informing/permissions';
import { boundedInt } from '../../../../shared/platform/flk/edge-types';
import { Refusal } from '../../../../shared/platform/flk/refusal';
import { parseBody, requirePermission, restHandler } from '../../../lib/rest';

const Body = z.object({
  enabled: z.boolean(),
  leadDays: boundedInt(0, 366),
  deadlineDays: boundedInt(0, 366),
});

/** PUT /api/v1/informing/rules/{id} — the fund switches and tunes a generation rule. */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  const who = requirePermission(caller, informingPermissions.manageRules);
  if (who.orgKind !== 'TFOMS') throw Refusal.forbidden('Правила формирования заявок настраивает ТФОМС');
  const id = event.pathParameters?.id ?? '';
  if (!/^[a-z0-9-]{1,40}$/.test(id)) throw Refusal.notFound('Правило не найдено.');
  const body = parseBody(event, Body);
  return { body: await db((tx) => changeRule(tx, id, body)) };
});
