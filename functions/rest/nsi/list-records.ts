import { z } from 'zod';
import { directoryExists, searchRecords } from '../../../shared/nsi/db/nsi-repository';
import { problems } from '../../lib/problem';
import { parseQuery, restHandler } from '../../lib/rest';

const RecordsQuery = z.object({
  q: z.string().max(200).optional(),
  validOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  sort: z.enum(['code', '-code', 'name', '-name']).default('code'),
});

/** GET /api/v1/nsi/directories/{code}/records — search, date validity filter, paging, sorting. */
export const handler = restHandler({ auth: 'user' }, async ({ event, ports }) => {
  const code = event.pathParameters?.code ?? '';
  const query = parseQuery(event, RecordsQuery);
  const sql = await ports.sql();
  if (!(await directoryExists(sql, code))) throw problems.notFound(`Справочник «${code}» не найден.`);
  return { body: await searchRecords(sql, { code, ...query }) };
});
