import { contextOfRequester } from '../platform/access/requested-by';
import { queueJob } from '../platform/area';
import { NsiDirectoryMessage } from './domain/nsi-directory-message';
import { nsiPermissions } from './permissions';

/** Loads an uploaded directory publication with the requester's rights (checked again when it runs). */
export const nsiDirectoryJob = queueJob({
  kind: 'nsi-directory',
  schema: NsiDirectoryMessage,
  async run(ports, message, messageId) {
    // Loaded at the first message of this kind: a consumer's cold start evaluates no other job's code.
    const { importPublication } = await import('./db/import-publication');
    const sql = await ports.sql();
    const who = await contextOfRequester(sql, message.requestedBy, nsiPermissions.load);
    const result = await importPublication(sql, ports.blobs, message.directory, message.bucket, message.key, {
      ...who,
      requestId: messageId,
    });
    return { status: result.status };
  },
});
