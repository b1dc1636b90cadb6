import { markTFileFailed, registerTFile } from '../../../../shared/hospitalisation/db/t-file-journal';
import { parseTFileName } from '../../../../shared/hospitalisation/formats/t-family/t-file-name';
import { hospitalisationPermissions } from '../../../../shared/hospitalisation/permissions';
import { can } from '../../../../shared/platform/access/permissions';
import { s3BlobsAdapter } from '../../../../shared/platform/ports/s3-blobs';
import { sqsQueueAdapter } from '../../../../shared/platform/ports/sqs-queue';
import { problems } from '../../../lib/problem';
import { restHandler } from '../../../lib/rest';
import { queueUpload, readUpload, uploadIdentity } from '../../../lib/upload';

/**
 * POST /api/v1/hospitalisation/files — a T-file (T1–T6, docs/formats/t-family.md) as the raw request body, its
 * name in `x-file-name`. The file is registered in the journal, stored in the inbox and queued: 202 with the
 * journal entry (follow it at `GET /api/v1/hospitalisation/files/{id}`). The same content already queued, in
 * progress or done answers 200 with an entry of status `duplicate` and is not queued again.
 */
export const handler = restHandler(
  { auth: 'user', adapters: [s3BlobsAdapter, sqsQueueAdapter] },
  async ({ event, caller, ports, db }) => {
    if (!caller) throw problems.unauthorized();
    const sends = can(caller, hospitalisationPermissions.send);
    if (!sends && !can(caller, hospitalisationPermissions.cancelReferral)) throw problems.forbidden();
    const upload = readUpload(event, { what: 'T-файл' });
    // A name that follows the pattern is checked at once; the file's own header decides in the end.
    const name = parseTFileName(upload.fileName);
    if (name && !sends && name.type !== 'T4') {
      throw problems.forbidden(
        'Учётной записи СМО разрешено передавать только файлы аннулирования направлений (T4).',
      );
    }
    if (name && name.senderCode !== caller.orgCode) {
      throw problems.invalid([
        {
          code: '802',
          field: 'x-file-name',
          value: upload.fileName.slice(0, 200),
          message: `Отправитель в имени файла (${name.senderCode}) не совпадает с организацией учётной записи (${caller.orgCode})`,
        },
      ]);
    }
    const { key, sha256 } = uploadIdentity(upload, 't-files');
    const registered = await db((tx) =>
      registerTFile(tx, {
        channel: caller.channel,
        fileName: upload.fileName,
        fileSize: upload.bytes.length,
        sha256,
        blobKey: key,
      }),
    );
    if (registered.duplicate) return { status: 200, body: registered.file };
    const id = registered.file.id;
    const { username, role, orgCode, channel } = caller;
    await queueUpload(
      ports,
      upload,
      key,
      { kind: 't-file', requestedBy: { username, role, orgCode, channel }, fileId: id, bucket: 'inbox', key },
      (error) => db((tx) => markTFileFailed(tx, id, error)),
    );
    return {
      status: 202,
      body: registered.file,
      headers: { location: `/api/v1/hospitalisation/files/${id}` },
    };
  },
);
