import { findRegistryImport, readProgress } from '../../../shared/registry/db/registry-journal';
import { readProtocolGroups } from '../../../shared/registry/db/registry-protocol';
import { registryPermissions } from '../../../shared/registry/permissions';
import { problems } from '../../lib/problem';
import { requirePermission, restHandler } from '../../lib/rest';
import { registryIdOf } from './registry-id';

/**
 * GET /api/v1/registries/{id} — a package: its journal entry (status queued | processing | done | rejected |
 * failed | duplicate, counts), its progress while it is read (bytes, cases, persons) and its protocol grouped
 * by error code and field (the findings themselves: `/findings`; the V-file: `/protocol`).
 */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, registryPermissions.read);
  const id = registryIdOf(event);
  const found = await db(async (tx) => {
    const entry = await findRegistryImport(tx, id);
    if (!entry) return null;
    const [progress, groups] = await Promise.all([readProgress(tx, id), readProtocolGroups(tx, id)]);
    return { import: entry, progress, protocol: groups };
  });
  if (!found) throw problems.notFound(`Пакет реестра № ${id} не найден.`);
  return { body: found };
});
