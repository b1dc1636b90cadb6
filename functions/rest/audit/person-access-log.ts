import { personAccessLog } from '../../../shared/audit/db/person-access-log';
import { AccessLogQuery, PersonIdParameter } from '../../../shared/audit/domain/audit-query';
import { personPermissions } from '../../../shared/person/permissions';
import { problems } from '../../lib/problem';
import { parseQuery, requirePermission, restHandler } from '../../lib/rest';

const notFound = () => problems.notFound('Застрахованное лицо не найдено или недоступно вашей организации.');

/** GET /api/v1/persons/{id}/access-log — who opened or changed this person (as far as the caller may see). */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, personPermissions.read);
  const id = PersonIdParameter.safeParse(event.pathParameters?.id);
  if (!id.success) throw notFound();
  const paging = parseQuery(event, AccessLogQuery);
  const page = await db((tx) => personAccessLog(tx, id.data, paging));
  if (!page) throw notFound();
  return { body: page };
});
