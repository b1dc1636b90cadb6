import * as z from 'zod';
import {
  findErzImport,
  readErzPackageFindings,
  readErzPackageWarnings,
  readErzProtocol,
} from '../../../../shared/person/db/erz-import-journal';
import { personPermissions } from '../../../../shared/person/permissions';
import { audit } from '../../../../shared/platform/access/scoped';
import { pageNumber, pageSize } from '../../../../shared/platform/flk/edge-types';
import { problems } from '../../../lib/problem';
import { parseQuery, requirePermission, restHandler } from '../../../lib/rest';

const ProtocolQuery = z.object({
  only: z
    .enum(['rejected', 'warnings'])
    .optional()
    .or(z.literal('').transform(() => undefined)),
  page: pageNumber(),
  pageSize: pageSize(500, 50),
});

/**
 * GET /api/v1/erz/imports/{id} — one import: its journal entry, the findings about the file as a whole (errors:
 * `packageFindings`, the file was rejected; warnings that did not stop it: `packageWarnings`), and a page of its
 * protocol (rejected records and accepted records with warnings, in file order).
 */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, personPermissions.readErzImports);
  const raw = event.pathParameters?.id ?? '';
  const id = /^\d{1,15}$/.test(raw) ? Number(raw) : 0;
  const query = parseQuery(event, ProtocolQuery);
  const found = id
    ? await db(async (tx) => {
        const entry = await findErzImport(tx, id);
        if (!entry) return null;
        const [packageFindings, packageWarnings, protocol] = await Promise.all([
          readErzPackageFindings(tx, id),
          readErzPackageWarnings(tx, id),
          readErzProtocol(tx, id, query),
        ]);
        // The protocol holds the sender's values (ЕНП, names of rejected records): reading it is audited.
        await audit(
          tx,
          'read',
          'erz.protocol',
          { records: [id] },
          { page: query.page, only: query.only ?? null },
        );
        return { import: entry, packageFindings, packageWarnings, protocol };
      })
    : null;
  if (!found) throw problems.notFound(`Загрузка выписки ЕРЗ № ${raw} не найдена.`);
  return { body: found };
});
