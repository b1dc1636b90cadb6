import * as z from 'zod';
import { findTFile, readTFileProtocol } from '../../../../shared/hospitalisation/db/t-file-journal';
import { hospitalisationPermissions } from '../../../../shared/hospitalisation/permissions';
import { audit } from '../../../../shared/platform/access/scoped';
import { pageNumber, pageSize } from '../../../../shared/platform/flk/edge-types';
import { problems } from '../../../lib/problem';
import { parseQuery, requirePermission, restHandler } from '../../../lib/rest';

const ProtocolQuery = z.object({
  only: z
    .enum(['rejected'])
    .optional()
    .or(z.literal('').transform(() => undefined)),
  page: pageNumber(),
  pageSize: pageSize(1000, 100),
});

/**
 * GET /api/v1/hospitalisation/files/{id} — one T-file: its journal entry and a page of its per-record protocol
 * (status, our id, FLK issues with code, tag, value and Russian message), in file order.
 */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, hospitalisationPermissions.read);
  const raw = event.pathParameters?.id ?? '';
  const id = /^\d{1,15}$/.test(raw) ? Number(raw) : 0;
  const query = parseQuery(event, ProtocolQuery);
  const found = id
    ? await db(async (tx) => {
        const file = await findTFile(tx, id);
        if (!file) return null;
        const protocol = await readTFileProtocol(tx, id, query);
        // The protocol repeats the sender's values (an ЕНП of a rejected record): reading it is audited.
        await audit(
          tx,
          'read',
          'hosp.t_file.protocol',
          { records: [id] },
          { page: query.page, only: query.only ?? null },
        );
        return { file, protocol };
      })
    : null;
  if (!found) throw problems.notFound(`Файл № ${raw.slice(0, 20)} не найден.`);
  return { body: found };
});
