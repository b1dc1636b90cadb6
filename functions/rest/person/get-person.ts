import { registered } from '../../../shared/areas';
import { findPersonCard } from '../../../shared/person/db/person-repository';
import { personSectionLinks } from '../../../shared/person/db/person-section-links';
import { personPermissions } from '../../../shared/person/permissions';
import { audit } from '../../../shared/platform/access/scoped';
import { problems } from '../../lib/problem';
import { requirePermission, restHandler } from '../../lib/rest';

/**
 * GET /api/v1/persons/{id} — the person card: demographics, documents, policy and attachment histories, and
 * links to the records of every section about the person within the caller's scope. A person outside the
 * caller's scope is indistinguishable from one that does not exist (404).
 */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  const who = requirePermission(caller, personPermissions.read);
  const id = event.pathParameters?.id ?? '';
  const card = await db(async (tx) => {
    const found = await findPersonCard(tx, id);
    if (!found) return null;
    const sections = await personSectionLinks(tx, found.person.id, who.role, registered);
    await audit(
      tx,
      'read',
      'person',
      { records: [found.person.id], persons: [found.person.id] },
      { card: true },
    );
    return { ...found, sections };
  });
  if (!card) throw problems.notFound('Застрахованное лицо не найдено или недоступно вашей организации.');
  return { body: card };
});
