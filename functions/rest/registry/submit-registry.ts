import * as z from 'zod';
import { Refusal } from '../../../shared/platform/flk/refusal';
import { s3BlobsAdapter } from '../../../shared/platform/ports/s3-blobs';
import { sqsQueueAdapter } from '../../../shared/platform/ports/sqs-queue';
import { markRegistryImportFailed } from '../../../shared/registry/db/registry-journal';
import { packageMessage, registerPackage } from '../../../shared/registry/db/registry-submit';
import { markUploadUsed, takeUpload } from '../../../shared/registry/db/registry-uploads';
import { registryPermissions } from '../../../shared/registry/permissions';
import { problems } from '../../lib/problem';
import { parseBody, requirePermission, restHandler } from '../../lib/rest';
import { queueUpload, readUpload, uploadIdentity } from '../../lib/upload';

const FromUpload = z.object({
  uploadId: z.uuid({ message: 'uploadId — идентификатор, выданный POST /api/v1/registries/uploads' }),
  fileName: z
    .string()
    .trim()
    .min(1, 'Укажите имя файла пакета')
    .max(200)
    .refine(
      (name) => /\.zip$/i.test(name) && ![...name].some((ch) => ch < ' ' || ch === '/' || ch === '\\'),
      'Имя файла пакета должно оканчиваться на .zip и не содержать путей',
    ),
});

function isJson(headers: Record<string, string | undefined> | null): boolean {
  const type = Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
  return /^application\/json\b/i.test(type);
}

/**
 * POST /api/v1/registries — registers a registry-invoice package for import (202 with the journal entry; follow
 * it at `GET /api/v1/registries/{id}`). Either `{ uploadId, fileName }` (JSON) for a package PUT to an upload
 * URL, or the ZIP itself as the body (≤ 10 MB) with its name in `x-file-name`. The same content already queued,
 * in progress or applied answers 200 with an entry of status `duplicate` and is not imported again.
 */
export const handler = restHandler(
  { auth: 'user', adapters: [s3BlobsAdapter, sqsQueueAdapter] },
  async ({ event, caller, ports, db }) => {
    const who = requirePermission(caller, registryPermissions.send);
    if (isJson(event.headers)) {
      const body = parseBody(event, FromUpload);
      const registered = await db(async (tx) => {
        const taken = await takeUpload(tx, ports.blobs, body.uploadId);
        const result = await registerPackage(tx, {
          channel: who.channel === 'web' ? 'web' : 'rest',
          fileName: body.fileName,
          size: taken.size,
          sha256: taken.sha256,
          blobKey: taken.blobKey,
        });
        await markUploadUsed(tx, body.uploadId, result.import.id);
        return { ...result, blobKey: taken.blobKey };
      });
      if (registered.duplicate) return { status: 200, body: registered.import };
      const id = registered.import.id;
      try {
        await ports.queue.send(packageMessage(who, id, registered.blobKey));
      } catch {
        await db((tx) =>
          markRegistryImportFailed(tx, id, 'Пакет не поставлен в очередь: повторите регистрацию'),
        );
        throw new Refusal(
          'unavailable',
          'UNAVAILABLE',
          'Пакет не удалось поставить в очередь на загрузку. Повторите регистрацию позже.',
          [],
          'Сервис временно недоступен',
        );
      }
      return { status: 202, body: registered.import, headers: { location: `/api/v1/registries/${id}` } };
    }
    const upload = readUpload(event, { what: 'ZIP-архив реестра' });
    if (upload.kind !== 'zip') {
      throw problems.invalid([
        {
          code: '801',
          field: 'body',
          message: 'Пакет реестра передаётся ZIP-архивом (основной файл и L-файл)',
        },
      ]);
    }
    const { key, sha256 } = uploadIdentity(upload, 'registry');
    const registered = await db((tx) =>
      registerPackage(tx, {
        channel: who.channel === 'web' ? 'web' : 'rest',
        fileName: upload.fileName,
        size: upload.bytes.length,
        sha256,
        blobKey: key,
      }),
    );
    if (registered.duplicate) return { status: 200, body: registered.import };
    const id = registered.import.id;
    await queueUpload(ports, upload, key, packageMessage(who, id, key), (error) =>
      db((tx) => markRegistryImportFailed(tx, id, error)),
    );
    return { status: 202, body: registered.import, headers: { location: `/api/v1/registries/${id}` } };
  },
);
