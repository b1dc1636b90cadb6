import { queueJob } from '../platform/area';
import { RegistryPackageMessage } from './domain/registry-message';

/** Imports an uploaded registry-invoice package (docs/design/registry-exchange.md). */
export const registryPackageJob = queueJob({
  kind: 'registry-package',
  schema: RegistryPackageMessage,
  async run(ports, message, messageId) {
    // Loaded at the first message of this kind: a consumer's cold start evaluates no other job's code.
    const { runRegistryImportJob } = await import('./db/registry-import-job');
    const result = await runRegistryImportJob(await ports.sql(), ports.blobs, message, messageId);
    return {
      importId: result.importId,
      status: result.status,
      alreadyProcessed: result.alreadyProcessed,
      counts: result.counts,
    };
  },
});
