import { markErzImportFailed, registerErzImport } from '../../../../shared/person/db/erz-import-journal';
import { personPermissions } from '../../../../shared/person/permissions';
import { s3BlobsAdapter } from '../../../../shared/platform/ports/s3-blobs';
import { sqsQueueAdapter } from '../../../../shared/platform/ports/sqs-queue';
import { requirePermission, restHandler } from '../../../lib/rest';
import { queueUpload, readUpload, uploadIdentity } from '../../../lib/upload';

/**
 * POST /api/v1/erz/imports — an ЕРЗ extract (docs/formats/erz-extract.md) as the raw request body, its name in
 * `x-file-name`. The file is registered in the journal, stored in the inbox and queued for import: 202 with
 * the import (follow it at `GET /api/v1/erz/imports/{id}`). The same content already queued, in progress or
 * applied answers 200 with an import of status `duplicate` and is not queued again.
 */
export const handler = restHandler(
  { auth: 'user', adapters: [s3BlobsAdapter, sqsQueueAdapter] },
  async ({ event, caller, ports, db }) => {
    const who = requirePermission(caller, personPermissions.importErz);
    const upload = readUpload(event, { what: 'файл выписки' });
    const { key, sha256 } = uploadIdentity(upload, 'erz');
    const registered = await db((tx) =>
      registerErzImport(tx, {
        channel: who.channel,
        fileName: upload.fileName,
        fileSize: upload.bytes.length,
        sha256,
        blobKey: key,
        status: 'queued',
      }),
    );
    if (registered.duplicate) return { status: 200, body: registered.import };
    const id = registered.import.id;
    await queueUpload(
      ports,
      upload,
      key,
      {
        kind: 'erz-extract',
        requestedBy: { username: who.username, role: who.role, orgCode: who.orgCode, channel: who.channel },
        importId: id,
        bucket: 'inbox',
        key,
      },
      (error) => db((tx) => markErzImportFailed(tx, id, error)),
    );
    return {
      status: 202,
      body: registered.import,
      headers: { location: `/api/v1/erz/imports/${id}` },
    };
  },
);
