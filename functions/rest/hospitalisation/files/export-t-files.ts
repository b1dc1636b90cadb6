import * as z from 'zod';
import { readTFileExport } from '../../../../shared/hospitalisation/db/t-file-export';
import { senderKindOf, tFileTypes } from '../../../../shared/hospitalisation/formats/t-family/t-file-name';
import { writeTFile } from '../../../../shared/hospitalisation/formats/t-family/t-file-writer';
import { hospitalisationPermissions } from '../../../../shared/hospitalisation/permissions';
import { audit } from '../../../../shared/platform/access/scoped';
import { isoDate } from '../../../../shared/platform/flk/edge-types';
import { Refusal } from '../../../../shared/platform/flk/refusal';
import { parseQuery, requirePermission, restHandler } from '../../../lib/rest';

/** At most this many records in one file (API Gateway answers at most 10 MB; a T1 record zips to ~250 bytes). */
export const maxExportRecords = 20_000;
const maxPeriodDays = 366;

const ExportQuery = z
  .object({
    type: z.enum(tFileTypes),
    from: isoDate,
    to: isoDate,
    encoding: z.enum(['windows-1251', 'utf-8']).default('windows-1251'),
    zip: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
  })
  .refine((q) => q.from <= q.to, { message: 'Начало периода позже его конца', path: ['from'] })
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < maxPeriodDays, {
    message: `Период выгрузки не может быть больше ${maxPeriodDays} дней`,
    path: ['to'],
  });

/**
 * GET /api/v1/hospitalisation/files/export?type=T1&from=…&to=… — a T-file of the caller's scope for the period
 * (docs/formats/t-family.md §5): zipped windows-1251 by default. Row-level security decides what is in it; the
 * export is audited with the record and person ids it holds.
 */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  const who = requirePermission(caller, hospitalisationPermissions.read);
  const query = parseQuery(event, ExportQuery);
  const exported = await db(async (tx) => {
    const found = await readTFileExport(tx, { ...query, limit: maxExportRecords + 1 });
    if (found.rows.length > maxExportRecords) return null;
    await audit(
      tx,
      'export',
      'hosp.t_file',
      { records: found.recordIds, persons: found.personIds },
      { type: query.type, from: query.from, to: query.to, count: found.rows.length },
    );
    return found;
  });
  if (!exported) {
    throw new Refusal(
      'invalid',
      '904',
      `За период больше ${maxExportRecords} записей: сократите период.`,
      [],
      'Слишком большая выгрузка',
    );
  }
  const file = writeTFile(
    {
      type: query.type,
      senderKind: senderKindOf(who.orgKind),
      senderCode: who.orgCode,
      date: query.to,
      sequence: null,
    },
    exported.rows,
    { encoding: query.encoding, zip: query.zip },
  );
  return {
    raw: Buffer.from(file.bytes),
    headers: {
      'content-type': query.zip ? 'application/zip' : `application/xml; charset=${query.encoding}`,
      'content-disposition': `attachment; filename="${file.fileName}"`,
      'x-record-count': String(exported.rows.length),
    },
  };
});
