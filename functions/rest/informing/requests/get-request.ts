import { requestDetail } from '../../../../shared/informing/db/request-queries';
import { informingPermissions } from '../../../../shared/informing/permissions';
import { Refusal } from '../../../../shared/platform/flk/refusal';
import { requirePermission, restHandler } from '../../../lib/rest';

/** GET /api/v1/informing/requests/{id} — one request in the caller's scope with its informing results. */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, informingPermissions.read);
  const id = event.pathParameters?.id ?? '';
  if (!/^\d{1,18}$/.test(id)) throw Refusal.notFound('Заявка на информирование не найдена.');
  const detail = await db((tx) => requestDetail(tx, id));
  if (!detail) throw Refusal.notFound('Заявка на информирование не найдена.');
  return { body: detail };
});
