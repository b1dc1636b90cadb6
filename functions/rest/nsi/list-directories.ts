import { listDirectories } from '../../../shared/nsi/db/nsi-repository';
import { restHandler } from '../../lib/rest';

/** GET /api/v1/nsi/directories */
export const handler = restHandler({ auth: 'user' }, async ({ ports }) => ({
  body: { items: await listDirectories(await ports.sql()) },
}));
