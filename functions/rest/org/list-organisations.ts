import { listOrganisations } from '../../../shared/org/db/organisation-repository';
import { OrganisationListQuery } from '../../../shared/org/domain/organisation-input';
import { parseQuery, restHandler } from '../../lib/rest';

/** GET /api/v1/organisations — МО, СМО and the fund with their structure sizes; kind, text, paging, sort. */
export const handler = restHandler({ auth: 'user' }, async ({ event, db }) => {
  const query = parseQuery(event, OrganisationListQuery);
  return { body: await db((tx) => listOrganisations(tx, query)) };
});
