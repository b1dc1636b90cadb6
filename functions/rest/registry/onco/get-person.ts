import { oncoPersonTimeline } from '../../../../shared/registry/db/onco-queries';
import { registryPermissions } from '../../../../shared/registry/permissions';
import { problems } from '../../../lib/problem';
import { parseQuery, requirePermission, restHandler } from '../../../lib/rest';
import { personIdOf, TimelineQuery } from './query-schemas';

/**
 * GET /api/v1/onco/persons/{personId} — the person's whole history in the region as a timeline with every onco
 * field group (names from НСИ, codes beside them) and the timeliness of each step; outside the caller's scope the
 * person does not exist (404).
 */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, registryPermissions.readOnco);
  const personId = personIdOf(event.pathParameters?.personId);
  const query = parseQuery(event, TimelineQuery);
  const timeline = await db((tx) => oncoPersonTimeline(tx, personId, { cases: query.cases }));
  if (!timeline) throw problems.notFound('Лицо не найдено или недоступно вашей организации.');
  return { body: timeline };
});
