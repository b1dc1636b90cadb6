import * as z from 'zod';
import { Refusal } from '../../../../shared/platform/flk/refusal';
import { readDnExport } from '../../../../shared/prevention/db/file-export';
import { dnPlanRowsOf } from '../../../../shared/prevention/formats/gis-dn/gis-dn-mapping';
import { gisDnNameFor } from '../../../../shared/prevention/formats/gis-dn/gis-dn-name';
import { writeDnList, writeDnPlan } from '../../../../shared/prevention/formats/gis-dn/gis-dn-writer';
import { preventionPermissions } from '../../../../shared/prevention/permissions';
import { parseQuery, requirePermission, restHandler } from '../../../lib/rest';

/** At most this many observations in one file (API Gateway answers at most 10 MB, zipped). */
export const maxDnExport = 50_000;

const Query = z.object({
  type: z.enum(['GST', 'GPT']).default('GST'),
  encoding: z.enum(['windows-1251', 'utf-8']).default('windows-1251'),
});

/**
 * GET /api/v1/prevention/files/dn?type=GST|GPT — the caller МО's dispensary observation as a ГИС ОМС file
 * (docs/formats/prevention-files.md): `GST` (DN_LIST) the observations, `GPT` (DN_PLAN) their planned visit
 * windows; one XML in a ZIP named `<type><код МО>_<ГГГГММДД>_1.zip`. Observations of persons without an ЕНП are
 * left out (the files name a person by it). Audited with every record and person in it.
 */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  // The МО's own file: the roles that send it (an СМО or the fund reads plans through the lists).
  const who = requirePermission(caller, preventionPermissions.sendPlan);
  const query = parseQuery(event, Query);
  const found = await db((tx) => readDnExport(tx, who.orgCode, maxDnExport));
  if (!found)
    throw new Refusal('invalid', '904', `Записей ДН больше ${maxDnExport}: выгрузка файлом недоступна.`);
  const today = new Date().toISOString().slice(0, 10);
  const file = { name: gisDnNameFor(query.type, who.orgCode, today), date: today, regionCode: found.region };
  const written =
    query.type === 'GST'
      ? writeDnList(
          file,
          found.records.map((record) => ({ record })),
          { encoding: query.encoding },
        )
      : writeDnPlan(file, dnPlanRowsOf(found.records, { mcodPlan: who.orgCode }), {
          encoding: query.encoding,
        });
  return {
    raw: Buffer.from(written.bytes),
    headers: {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="${written.fileName}"`,
      'x-record-count': String(found.records.length),
    },
  };
});
