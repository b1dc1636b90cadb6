import { queryAffiliation } from '../../../shared/person/db/affiliation-query';
import { hasIdentifiers, IdentityInput } from '../../../shared/person/domain/identity-input';
import { personPermissions } from '../../../shared/person/permissions';
import { problems } from '../../lib/problem';
import { parseBody, requirePermission, restHandler } from '../../lib/rest';

/**
 * POST /api/v1/persons/affiliation — the insurance-affiliation query: by ЕНП, by СНИЛС, or by ФИО + birth date
 * (+ document). FLK errors in the identifiers answer 400 with their codes; otherwise the outcome (identified,
 * no policy on the date, not insured in the region, ambiguous) with the policy and attachment.
 */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, personPermissions.queryAffiliation);
  const input = parseBody(event, IdentityInput);
  if (!hasIdentifiers(input)) {
    throw problems.invalid([
      { code: '902', field: 'enp', message: 'Укажите ЕНП, СНИЛС или фамилию, имя и дату рождения' },
    ]);
  }
  const answer = await db((tx) => queryAffiliation(tx, input));
  if (answer.outcome === 'invalid') {
    throw problems.invalid(
      answer.issues.map((i) => ({ code: i.code, field: i.field, value: i.value, message: i.message })),
    );
  }
  return { body: answer };
});
