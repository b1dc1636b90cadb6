import * as z from 'zod';
import { searchPersons } from '../../../shared/person/db/person-repository';
import { personPermissions } from '../../../shared/person/permissions';
import { audit } from '../../../shared/platform/access/scoped';
import { isoDate, pageNumber, pageSize } from '../../../shared/platform/flk/edge-types';
import { parseQuery, requirePermission, restHandler } from '../../lib/rest';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

const PersonsQuery = z.object({
  q: optionalText(100),
  enp: optionalText(16).pipe(
    z
      .string()
      .regex(/^\d{16}$/)
      .optional(),
  ),
  snils: optionalText(14),
  fam: optionalText(40),
  birthDate: optionalText(10).pipe(isoDate.optional()),
  smoCode: optionalText(5),
  moCode: optionalText(6),
  page: pageNumber(),
  pageSize: pageSize(200, 25),
  sort: z.enum(['fam', '-fam', 'birthDate', '-birthDate', 'enp']).default('fam'),
});

/**
 * GET /api/v1/persons — insured persons within the caller's scope (RLS), searchable by ЕНП, СНИЛС, surname,
 * birth date, СМО and МО of attachment. The page read is audited with the persons it showed.
 */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, personPermissions.read);
  const query = parseQuery(event, PersonsQuery);
  const result = await db(async (tx) => {
    const found = await searchPersons(tx, query);
    await audit(tx, 'read', 'person', { persons: found.items.map((p) => p.id) }, { list: true });
    return found;
  });
  return { body: { ...result, page: query.page, pageSize: query.pageSize } };
});
