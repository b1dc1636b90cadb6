import * as z from 'zod';
import { queryInt } from '../../../../shared/platform/flk/edge-types';
import { Refusal } from '../../../../shared/platform/flk/refusal';
import { readPlanListExport } from '../../../../shared/prevention/db/file-export';
import { writePlanList } from '../../../../shared/prevention/formats/plan-list/plan-list-writer';
import { preventionPermissions } from '../../../../shared/prevention/permissions';
import { parseQuery, requirePermission, restHandler } from '../../../lib/rest';
import { kindParam } from '../query-schemas';

/** At most this many entries in one file (API Gateway answers at most 10 MB; an entry is ~300 bytes). */
export const maxPlanListExport = 30_000;

const Query = z.object({
  year: queryInt(2000, 2100),
  kind: kindParam,
  encoding: z.enum(['windows-1251', 'utf-8']).default('windows-1251'),
});

/**
 * GET /api/v1/prevention/files/plan-list?year=…[&kind=…] — the caller МО's plan list of the year as a plan-list
 * file `PROF_M<код МО>T<регион>_<ГГММ>1.xml` (docs/formats/prevention-files.md), withdrawn entries marked
 * `ISKL`. Audited with every entry and person in it.
 */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  // The МО's own file: the roles that send it (an СМО or the fund reads plans through the lists).
  const who = requirePermission(caller, preventionPermissions.sendPlan);
  const query = parseQuery(event, Query);
  const found = await db((tx) =>
    readPlanListExport(tx, who.orgCode, { year: query.year, kind: query.kind }, maxPlanListExport),
  );
  if (!found) {
    throw new Refusal(
      'invalid',
      '904',
      `В плане больше ${maxPlanListExport} записей: выгрузите его по видам.`,
    );
  }
  const today = new Date().toISOString().slice(0, 10);
  const file = writePlanList(
    {
      date: today,
      year: query.year,
      name: {
        moCode: who.orgCode,
        region: found.region,
        smoCode: null,
        year: Number(today.slice(0, 4)),
        month: Number(today.slice(5, 7)),
        number: '1',
      },
    },
    found.records,
    { encoding: query.encoding },
  );
  return {
    raw: Buffer.from(file.bytes),
    headers: {
      'content-type': `application/xml; charset=${query.encoding}`,
      'content-disposition': `attachment; filename="${file.fileName}"`,
      'x-record-count': String(found.records.length),
    },
  };
});
