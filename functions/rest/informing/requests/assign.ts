import * as z from 'zod';
import { assignRequests } from '../../../../shared/informing/db/assign';
import { informingPermissions } from '../../../../shared/informing/permissions';
import { Refusal } from '../../../../shared/platform/flk/refusal';
import { parseBody, requirePermission, restHandler } from '../../../lib/rest';

const Body = z.object({
  ids: z
    .array(z.string().regex(/^\d{1,18}$/, 'Идентификатор заявки из цифр'))
    .min(1)
    .max(500),
  assignee: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{3,64}$/, 'Имя пользователя: 3–64 символа — латинские буквы, цифры, «_», «.», «-»')
    .nullable(),
});

/**
 * POST /api/v1/informing/requests/assign — an СМО assigns its open requests to one of its representatives
 * (`assignee`: a user name of the СМО, null to clear); answers which requests changed.
 */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  const who = requirePermission(caller, informingPermissions.sendResult);
  if (who.orgKind !== 'SMO') throw Refusal.forbidden('Заявки назначает представителям СМО');
  const { ids, assignee } = parseBody(event, Body);
  return { body: await db((tx) => assignRequests(tx, [...new Set(ids)], assignee)) };
});
