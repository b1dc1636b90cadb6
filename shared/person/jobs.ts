import { queueJob } from '../platform/area';
import { ErzExtractMessage } from './domain/erz-extract-message';

/** Imports an uploaded ЕРЗ extract (docs/formats/erz-extract.md). */
export const erzExtractJob = queueJob({
  kind: 'erz-extract',
  schema: ErzExtractMessage,
  async run(ports, message, messageId) {
    // Loaded at the first message of this kind: a consumer's cold start evaluates no other job's code.
    const { runErzImportJob } = await import('./db/erz-import-job');
    const result = await runErzImportJob(await ports.sql(), ports.blobs, message, messageId);
    return {
      importId: message.importId,
      status: result.status,
      alreadyProcessed: result.alreadyProcessed,
      counts: result.counts,
    };
  },
});
