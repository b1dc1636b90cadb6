import { queueJob } from '../platform/area';
import type { RegistryImportedMessage } from '../platform/events/registry-imported';
import { RegistryPackageMessage } from './domain/registry-message';

/** Imports an uploaded registry-invoice package (docs/design/registry-exchange.md). */
export const registryPackageJob = queueJob({
  kind: 'registry-package',
  schema: RegistryPackageMessage,
  async run(ports, message, messageId) {
    // Loaded at the first message of this kind: a consumer's cold start evaluates no other job's code.
    const { runRegistryImportJob } = await import('./db/registry-import-job');
    const result = await runRegistryImportJob(await ports.sql(), ports.blobs, message, messageId);
    // Other areas derive from a done import (prevention: steps from D-files, polyclinic cases from H-files).
    const done: RegistryImportedMessage[] =
      result.status === 'done'
        ? [{ kind: 'registry-imported', requestedBy: message.requestedBy, importId: result.importId }]
        : [];
    return {
      importId: result.importId,
      status: result.status,
      alreadyProcessed: result.alreadyProcessed,
      counts: result.counts,
      followUps: done,
    };
  },
});
