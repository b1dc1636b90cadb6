import * as z from 'zod';
import { fileStatuses } from '../../../shared/platform/bulk/file-journal';
import { pageNumber, pageSize } from '../../../shared/platform/flk/edge-types';
import { registryJournal } from '../../../shared/registry/db/registry-journal';
import { registryPermissions } from '../../../shared/registry/permissions';
import { parseQuery, requirePermission, restHandler } from '../../lib/rest';

const blankToUndefined = z.literal('').transform(() => undefined);

const ListQuery = z.object({
  status: z.enum(fileStatuses).optional().or(blankToUndefined),
  mo: z
    .string()
    .regex(/^\d{6}$/, 'Код МО — 6 цифр')
    .optional()
    .or(blankToUndefined),
  kind: z
    .string()
    .regex(/^[A-Z]{1,2}$/, 'Вид файла — префикс имени: H, C, T, DP …')
    .optional()
    .or(blankToUndefined),
  page: pageNumber(),
  pageSize: pageSize(200, 50),
});

/** GET /api/v1/registries — the journal of packages, newest first (an МО sees its own, the fund all). */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, registryPermissions.read);
  const query = parseQuery(event, ListQuery);
  const page = await db((tx) =>
    registryJournal.list(tx, {
      page: query.page,
      pageSize: query.pageSize,
      status: query.status,
      where: { mo_code: query.mo, file_kind: query.kind },
    }),
  );
  return { body: page };
});
