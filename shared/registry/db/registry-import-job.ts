import { contextOfRequester } from '../../platform/access/requested-by';
import { openReceivedFile, phaseTotals } from '../../platform/bulk/file-run';
import type { Sql } from '../../platform/db/connection';
import type { BlobPort } from '../../platform/ports/blobs';
import type { RegistryPackageMessage } from '../domain/registry-message';
import { registryPermissions } from '../permissions';
import { importRegistryPackage, type RegistryImportOptions } from './registry-import';

/**
 * The queue consumer's work for a `registry-package` message: the uploader is checked again (account active,
 * same role and organisation, still allowed to send registries) and the import runs with their rights.
 */
export async function runRegistryImportJob(
  sql: Sql,
  blobs: BlobPort,
  message: RegistryPackageMessage,
  requestId: string,
  options: RegistryImportOptions = {},
) {
  const who = await contextOfRequester(sql, message.requestedBy, registryPermissions.send);
  const file = () => openReceivedFile(blobs, message.bucket, message.key);
  const timings = phaseTotals();
  const result = await importRegistryPackage(
    sql,
    file,
    message.importId,
    { ...who, channel: 'file', requestId },
    { onPhase: timings.onPhase, ...options },
  );
  if (!result.alreadyProcessed) timings.log('registry.import', result.importId, result.status);
  return result;
}
