import { readOrganisationCard } from '../../../shared/org/db/organisation-card';
import { audit } from '../../../shared/platform/access/scoped';
import { problems } from '../../lib/problem';
import { restHandler } from '../../lib/rest';
import { pathParam } from './org-problem';

/**
 * GET /api/v1/organisations/{code} — requisites, departments with bed stock by V020 profile, districts with
 * their doctors, doctors. Doctors' СНИЛС and names are personal data: the read is audited with their ids.
 */
export const handler = restHandler({ auth: 'user' }, async ({ event, db }) => {
  const code = pathParam(event, 'code');
  const card = await db(async (tx) => {
    const found = await readOrganisationCard(tx, code);
    if (found && found.doctors.length > 0) {
      await audit(tx, 'read', 'doctor', { records: found.doctors.map((d) => `${code}/${d.snils}`) });
    }
    return found;
  });
  if (!card) throw problems.notFound(`Организация с кодом «${code}» не найдена.`);
  return { body: card };
});
