import { queueJob } from '../platform/area';
import { runTFileImportJob } from './db/t-file-import-job';
import { TFileMessage } from './domain/t-file-message';

/** Processes an uploaded T-file (docs/formats/t-family.md) through the package processor. */
export const tFileJob = queueJob({
  kind: 't-file',
  schema: TFileMessage,
  async run(ports, message, messageId) {
    return { ...(await runTFileImportJob(await ports.sql(), ports.blobs, message, messageId)) };
  },
});
