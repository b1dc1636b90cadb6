import { deleteOncoList } from '../../../../shared/registry/db/onco-lists';
import { registryPermissions } from '../../../../shared/registry/permissions';
import { problems } from '../../../lib/problem';
import { requirePermission, restHandler } from '../../../lib/rest';

/** DELETE /api/v1/onco/lists/{id} — deletes the caller's own saved list (another's is not found). */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, registryPermissions.saveOncoLists);
  const id = event.pathParameters?.id ?? '';
  const deleted = /^\d{1,18}$/.test(id) && (await db((tx) => deleteOncoList(tx, id)));
  if (!deleted) throw problems.notFound('Список не найден или его сохранил другой пользователь.');
  return { status: 204 };
});
