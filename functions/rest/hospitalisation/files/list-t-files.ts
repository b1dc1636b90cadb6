import * as z from 'zod';
import { listTFiles, tFileStatuses } from '../../../../shared/hospitalisation/db/t-file-journal';
import { tFileTypes } from '../../../../shared/hospitalisation/formats/t-family/t-file-name';
import { hospitalisationPermissions } from '../../../../shared/hospitalisation/permissions';
import { pageNumber, pageSize } from '../../../../shared/platform/flk/edge-types';
import { parseQuery, requirePermission, restHandler } from '../../../lib/rest';

const blank = z.literal('').transform(() => undefined);

const FilesQuery = z.object({
  status: z.enum(tFileStatuses).optional().or(blank),
  type: z.enum(tFileTypes).optional().or(blank),
  page: pageNumber(),
  pageSize: pageSize(200, 20),
});

/**
 * GET /api/v1/hospitalisation/files — the journal of T-files within the caller's scope (own organisation; the
 * fund: all), newest first, paged, by status and type. The entries hold no personal data.
 */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, hospitalisationPermissions.read);
  const query = parseQuery(event, FilesQuery);
  return { body: await db((tx) => listTFiles(tx, query)) };
});
