import { directoryExists, listVersions } from '../../../shared/nsi/db/nsi-repository';
import { problems } from '../../lib/problem';
import { restHandler } from '../../lib/rest';

/** GET /api/v1/nsi/directories/{code}/versions */
export const handler = restHandler({ auth: 'user' }, async ({ event, ports }) => {
  const code = event.pathParameters?.code ?? '';
  const sql = await ports.sql();
  if (!(await directoryExists(sql, code))) throw problems.notFound(`Справочник «${code}» не найден.`);
  return { body: { items: await listVersions(sql, code) } };
});
