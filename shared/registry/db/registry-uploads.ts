import { createHash, randomUUID } from 'node:crypto';
import type { Caller } from '../../platform/access/caller';
import type { Tx } from '../../platform/db/connection';
import { Refusal } from '../../platform/flk/refusal';
import type { BlobPort } from '../../platform/ports/blobs';

/**
 * Uploads of packages larger than a request may carry: `createUpload` reserves an inbox key and answers a URL
 * to PUT the ZIP to (S3 presigned in AWS, the local server's upload path locally); `takeUpload` then hands the
 * uploaded object to registration once — its size checked and its SHA-256 computed from the stored bytes
 * (duplicates are found by content).
 */

/** The largest package accepted (a region's month of one large МО, zipped). */
export const maxRegistryPackageBytes = 2 * 1024 ** 3;
export const uploadLifetimeSeconds = 3600;

export interface CreatedUpload {
  uploadId: string;
  uploadUrl: string;
  method: 'PUT';
  headers: Record<string, string>;
  expiresAt: string;
  maxBytes: number;
}

export async function createUpload(tx: Tx, blobs: BlobPort, who: Caller): Promise<CreatedUpload> {
  const uploadId = randomUUID();
  const key = `registry/${new Date().toISOString().slice(0, 10)}/${uploadId}.zip`;
  const expiresAt = new Date(Date.now() + uploadLifetimeSeconds * 1000);
  const url = await blobs.uploadUrl('inbox', key, {
    expiresSeconds: uploadLifetimeSeconds,
    maxBytes: maxRegistryPackageBytes,
  });
  await tx`
    insert into registry.upload (id, blob_key, uploaded_by, org_code, role, expires_at)
    values (${uploadId}, ${key}, ${who.username}, ${who.orgCode}, ${who.role}, ${expiresAt})`;
  return {
    uploadId,
    uploadUrl: url.url,
    method: url.method,
    headers: url.headers,
    expiresAt: expiresAt.toISOString(),
    maxBytes: maxRegistryPackageBytes,
  };
}

export interface TakenUpload {
  blobKey: string;
  size: number;
  sha256: string;
}

const uploadProblem = (code: string, message: string) =>
  Refusal.invalid([{ rule: 'REQUEST', severity: 'error', code, field: 'uploadId', message }]);

/** The caller's upload, once: its object's size and SHA-256. Refuses an unknown, used, expired or empty one. */
export async function takeUpload(tx: Tx, blobs: BlobPort, uploadId: string): Promise<TakenUpload> {
  const [upload] = await tx<{ blobKey: string; expired: boolean; importId: string | null }[]>`
    select blob_key as "blobKey", expires_at < now() - interval '1 day' as expired, import_id as "importId"
    from registry.upload where id = ${uploadId} for update`;
  if (!upload)
    throw uploadProblem('902', 'Загрузка с таким uploadId не найдена: сначала получите адрес загрузки');
  if (upload.importId)
    throw uploadProblem('805', `Этот файл уже зарегистрирован (загрузка № ${upload.importId})`);
  if (upload.expired)
    throw uploadProblem('801', 'Срок действия загрузки истёк: получите новый адрес и загрузите файл заново');
  const size = await blobs.size('inbox', upload.blobKey);
  if (size === null || size === 0) {
    throw uploadProblem('803', 'Файл по этому uploadId не загружен: выполните PUT по выданному адресу');
  }
  if (size > maxRegistryPackageBytes) {
    throw uploadProblem('801', `Файл больше ${maxRegistryPackageBytes / 1024 ** 3} ГБ`);
  }
  const hash = createHash('sha256');
  for await (const chunk of await blobs.get('inbox', upload.blobKey)) hash.update(chunk as Uint8Array);
  return { blobKey: upload.blobKey, size, sha256: hash.digest('hex') };
}

export async function markUploadUsed(tx: Tx, uploadId: string, importId: number): Promise<void> {
  await tx`update registry.upload set import_id = ${importId} where id = ${uploadId}`;
}
