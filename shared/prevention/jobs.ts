import { queueJob } from '../platform/area';
import { RegistryImportedMessage } from '../platform/events/registry-imported';

/** Derives steps (D-files) and polyclinic cases (H-files) from a done registry import. */
export const registryImportedJob = queueJob({
  kind: 'registry-imported',
  schema: RegistryImportedMessage,
  async run(ports, message, messageId) {
    // Loaded at the first message of this kind: a consumer's cold start evaluates no other job's code.
    const { deriveFromRegistry } = await import('./db/from-registry');
    return deriveFromRegistry(await ports.sql(), message, messageId);
  },
});
