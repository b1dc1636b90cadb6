import { s3BlobsAdapter } from '../../../shared/platform/ports/s3-blobs';
import { createUpload } from '../../../shared/registry/db/registry-uploads';
import { registryPermissions } from '../../../shared/registry/permissions';
import { requirePermission, restHandler } from '../../lib/rest';
import { absoluteUrl } from './absolute-url';

/**
 * POST /api/v1/registries/uploads — a place to upload a package of any size: `{ uploadId, uploadUrl, method,
 * headers, expiresAt, maxBytes }`. PUT the ZIP to `uploadUrl` (an S3 presigned URL in AWS; the local server's
 * upload path locally), then register it with `POST /api/v1/registries { uploadId, fileName }`.
 */
export const handler = restHandler(
  { auth: 'user', adapters: [s3BlobsAdapter] },
  async ({ event, caller, ports, db }) => {
    const who = requirePermission(caller, registryPermissions.send);
    const upload = await db((tx) => createUpload(tx, ports.blobs, who));
    return {
      status: 201,
      body: { ...upload, uploadUrl: absoluteUrl(event, upload.uploadUrl) ?? upload.uploadUrl },
    };
  },
);
