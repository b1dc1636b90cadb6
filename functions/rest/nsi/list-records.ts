import * as z from 'zod';
import { directoryExists, searchRecords } from '../../../shared/nsi/db/nsi-repository';
import { isoDate, pageNumber, pageSize } from '../../../shared/platform/flk/edge-types';
import { problems } from '../../lib/problem';
import { parseQuery, restHandler } from '../../lib/rest';

const RecordsQuery = z.object({
  q: z.string().max(200).optional(),
  validOn: z.preprocess((v) => (v === '' ? undefined : v), isoDate.optional()),
  page: pageNumber(),
  pageSize: pageSize(500, 50),
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
