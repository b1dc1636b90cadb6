import { contextOfRequester } from '../../platform/access/requested-by';
import { openReceivedFile } from '../../platform/bulk/file-run';
import type { Sql } from '../../platform/db/connection';
import type { BlobPort } from '../../platform/ports/blobs';
import type { ErzExtractMessage } from '../domain/erz-extract-message';
import { personPermissions } from '../permissions';
import { type ErzFileImportResult, importErzExtract } from './erz-import';

/**
 * The queue consumer's work for an `erz-extract` message: the requester (the uploader) is checked again —
 * account active, same role and organisation, still allowed `erz.import` — and the import runs with their
 * rights on the file channel. The blob is opened only if the import still has work to do; a message delivered
 * again for a finished import reports it without applying anything. A file gone from the inbox ends the import
 * `failed` (a Russian message in the journal) and the message is not retried.
 */
export async function runErzImportJob(
  sql: Sql,
  blobs: BlobPort,
  message: ErzExtractMessage,
  requestId: string,
): Promise<ErzFileImportResult> {
  const who = await contextOfRequester(sql, message.requestedBy, personPermissions.importErz);
  const file = () => openReceivedFile(blobs, message.bucket, message.key);
  return importErzExtract(sql, file, message.importId, { ...who, channel: 'file', requestId });
}
