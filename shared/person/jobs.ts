import { queueJob } from '../platform/area';
import { runErzImportJob } from './db/erz-import-job';
import { ErzExtractMessage } from './domain/erz-extract-message';

/** Imports an uploaded ЕРЗ extract (docs/formats/erz-extract.md). */
export const erzExtractJob = queueJob({
  kind: 'erz-extract',
  schema: ErzExtractMessage,
  async run(ports, message, messageId) {
    const result = await runErzImportJob(await ports.sql(), ports.blobs, message, messageId);
    return {
      importId: message.importId,
      status: result.status,
      alreadyProcessed: result.alreadyProcessed,
      counts: result.counts,
    };
  },
});
