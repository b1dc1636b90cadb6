import { importOrganisationDirectory } from '../../../shared/org/db/organisation-import';
import { homeRegion } from '../../../shared/org/db/organisation-repository';
import { readOrganisationDirectory } from '../../../shared/org/formats/ffoms-organisation-reader';
import { orgPermissions } from '../../../shared/org/permissions';
import type { FlkIssue } from '../../../shared/platform/flk/issue';
import { Refusal } from '../../../shared/platform/flk/refusal';
import { chunksOf } from '../../../shared/platform/formats/package/byte-stream';
import { requirePermission, restHandler } from '../../lib/rest';
import { readUpload } from '../../lib/upload';

/**
 * POST /api/v1/organisations/import — an F003 (МО) or F002 (СМО) publication as the request body
 * (`application/octet-stream`: XML in windows-1251 or UTF-8, or a ZIP holding it;
 * docs/formats/organisation-import.md), its name optionally in `x-file-name`. Upserts this region's
 * organisations by code and answers the counts, the per-record errors and the warnings about the file (e.g. one
 * declared windows-1251 but written in UTF-8, read as UTF-8). A file that cannot be read as a publication — a
 * damaged archive included, found at its end — is refused (400, or 413 beyond the size caps) with its package
 * issue, and nothing of it is stored (one transaction).
 */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, orgPermissions.edit);
  const upload = readUpload(event, { name: 'optional', what: 'файл F003 или F002' });
  const result = await db(async (tx) => {
    const region = await homeRegion(tx);
    if (!region)
      throw new Refusal('conflict', '905', 'В реестре нет организации ТФОМС.', [], 'Регион не настроен');
    const warnings: FlkIssue[] = [];
    const records = readOrganisationDirectory(chunksOf(upload.bytes), {
      onIssue: (issue) => warnings.push(issue),
    });
    return importOrganisationDirectory(tx, records, region, {
      fileName: upload.fileName || undefined,
      size: upload.bytes.length,
      warnings,
    });
  });
  return { body: result };
});
