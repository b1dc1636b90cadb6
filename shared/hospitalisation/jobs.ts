import { queueJob } from '../platform/area';
import { TFileMessage } from './domain/t-file-message';

/** Processes an uploaded T-file (docs/formats/t-family.md) through the package processor. */
export const tFileJob = queueJob({
  kind: 't-file',
  schema: TFileMessage,
  async run(ports, message, messageId) {
    // Loaded at the first message of this kind: a consumer's cold start evaluates no other job's code.
    const { runTFileImportJob } = await import('./db/t-file-import-job');
    return { ...(await runTFileImportJob(await ports.sql(), ports.blobs, message, messageId)) };
  },
});
