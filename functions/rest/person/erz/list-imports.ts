import * as z from 'zod';
import { erzImportStatuses, listErzImports } from '../../../../shared/person/db/erz-import-journal';
import { personPermissions } from '../../../../shared/person/permissions';
import { pageNumber, pageSize } from '../../../../shared/platform/flk/edge-types';
import { parseQuery, requirePermission, restHandler } from '../../../lib/rest';

const ImportsQuery = z.object({
  status: z
    .enum(erzImportStatuses)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  page: pageNumber(),
  pageSize: pageSize(200, 20),
});

/** GET /api/v1/erz/imports — the journal of ЕРЗ imports, newest first, paged, optionally by status. */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, personPermissions.readErzImports);
  const query = parseQuery(event, ImportsQuery);
  return { body: await db((tx) => listErzImports(tx, query)) };
});
