import * as z from 'zod';
import { audit } from '../../../shared/platform/access/scoped';
import { pageNumber, pageSize } from '../../../shared/platform/flk/edge-types';
import { findRegistryImport } from '../../../shared/registry/db/registry-journal';
import { readProtocolPage } from '../../../shared/registry/db/registry-protocol';
import { registryPermissions } from '../../../shared/registry/permissions';
import { problems } from '../../lib/problem';
import { parseQuery, requirePermission, restHandler } from '../../lib/rest';
import { registryIdOf } from './registry-id';

const blankToUndefined = z.literal('').transform(() => undefined);

const FindingsQuery = z.object({
  code: z
    .string()
    .regex(/^\d{3}$/, 'Код ошибки — три цифры (F012)')
    .optional()
    .or(blankToUndefined),
  field: z
    .string()
    .regex(/^[A-Z0-9_]{1,20}$/, 'Поле — имя тега')
    .optional()
    .or(blankToUndefined),
  severity: z.enum(['error', 'warning']).optional().or(blankToUndefined),
  page: pageNumber(),
  pageSize: pageSize(500, 100),
});

/**
 * GET /api/v1/registries/{id}/findings — the protocol's findings in file order, filtered by code, field or
 * severity, a page at a time (`hasMore`). They quote the sender's values (ID_PAC, policy numbers): audited.
 */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, registryPermissions.read);
  const id = registryIdOf(event);
  const query = parseQuery(event, FindingsQuery);
  const page = await db(async (tx) => {
    if (!(await findRegistryImport(tx, id))) return null;
    const result = await readProtocolPage(tx, id, query);
    await audit(
      tx,
      'read',
      'registry.protocol',
      { records: [id] },
      { page: query.page, code: query.code ?? null },
    );
    return result;
  });
  if (!page) throw problems.notFound(`Пакет реестра № ${id} не найден.`);
  return { body: page };
});
