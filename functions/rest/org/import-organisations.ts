import { importOrganisationDirectory } from '../../../shared/org/db/organisation-import';
import { homeRegion } from '../../../shared/org/db/organisation-repository';
import {
  DirectoryFileError,
  readOrganisationDirectory,
} from '../../../shared/org/formats/ffoms-organisation-reader';
import { orgPermissions } from '../../../shared/org/permissions';
import { Refusal } from '../../../shared/platform/flk/refusal';
import { problems } from '../../lib/problem';
import { requirePermission, restHandler } from '../../lib/rest';

const chunkBytes = 64 * 1024;

async function* chunksOf(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += chunkBytes) yield bytes.subarray(at, at + chunkBytes);
}

/** The request body's bytes: binary (base64 in the event) keeps windows-1251 intact; text is UTF-8. */
function bodyBytes(event: { body: string | null; isBase64Encoded: boolean }): Buffer {
  if (!event.body) return Buffer.alloc(0);
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * POST /api/v1/organisations/import — an F003 (МО) or F002 (СМО) publication as the request body
 * (`application/octet-stream`, windows-1251 or UTF-8; docs/formats/organisation-import.md). Upserts this
 * region's organisations by code and answers the counts and the per-record errors.
 */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, orgPermissions.edit);
  const bytes = bodyBytes(event);
  if (bytes.length === 0) {
    throw problems.invalid([
      { code: '902', field: 'body', message: 'Тело запроса пусто: приложите файл F003 или F002' },
    ]);
  }
  const header = Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === 'x-file-name')?.[1];
  const fileName = header ? safeDecode(header).slice(0, 200) : undefined;
  try {
    const result = await db(async (tx) => {
      const region = await homeRegion(tx);
      if (!region)
        throw new Refusal('conflict', '905', 'В реестре нет организации ТФОМС.', [], 'Регион не настроен');
      return importOrganisationDirectory(tx, readOrganisationDirectory(chunksOf(bytes)), region, {
        fileName,
        size: bytes.length,
      });
    });
    return { body: result };
  } catch (error) {
    if (error instanceof DirectoryFileError) {
      throw problems.invalid([{ code: '901', field: 'body', message: error.message }]);
    }
    throw error;
  }
});
