import { personServices } from '../../../../shared/registry/db/onco-queries';
import { registryPermissions } from '../../../../shared/registry/permissions';
import { problems } from '../../../lib/problem';
import { parseQuery, requirePermission, restHandler } from '../../../lib/rest';
import { personIdOf, ServicesQuery } from './query-schemas';

/** GET /api/v1/onco/persons/{personId}/services — every service of the person in the region, newest first. */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, registryPermissions.readOnco);
  const personId = personIdOf(event.pathParameters?.personId);
  const query = parseQuery(event, ServicesQuery);
  const services = await db((tx) => personServices(tx, personId, query));
  if (!services) throw problems.notFound('Лицо не найдено или недоступно вашей организации.');
  return { body: services };
});
