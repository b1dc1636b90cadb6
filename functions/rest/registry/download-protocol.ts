import { audit } from '../../../shared/platform/access/scoped';
import { findRegistryImport } from '../../../shared/registry/db/registry-journal';
import { allFindings } from '../../../shared/registry/db/registry-protocol';
import { flkProtocolXml } from '../../../shared/registry/formats/flk-protocol-writer';
import { registryPermissions } from '../../../shared/registry/permissions';
import { problems } from '../../lib/problem';
import { requirePermission, restHandler } from '../../lib/rest';
import { registryIdOf } from './registry-id';

/**
 * GET /api/v1/registries/{id}/protocol — the FLK protocol as the standard FLK_P XML (DOMAIN §5.2), windows-1251,
 * named as the V-file of the package (`HM…` → `VT…M…`).
 */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, registryPermissions.read);
  const id = registryIdOf(event);
  const file = await db(async (tx) => {
    const entry = await findRegistryImport(tx, id);
    if (!entry) return null;
    const findings = [];
    for await (const batch of allFindings(tx, id)) findings.push(...batch);
    await audit(tx, 'export', 'registry.protocol', { records: [id] }, { findings: findings.length });
    return flkProtocolXml(entry.packageName ?? entry.fileName ?? `registry-${id}`, findings);
  });
  if (!file) throw problems.notFound(`Пакет реестра № ${id} не найден.`);
  return {
    raw: Buffer.from(file.bytes),
    headers: {
      'content-type': 'application/xml; charset=windows-1251',
      'content-disposition': `attachment; filename="${file.fileName}"`,
    },
  };
});
