import { Refusal } from '../../../../shared/platform/flk/refusal';
import { russianCount } from '../../../../shared/platform/formats/russian-count';
import { exportOncoPersons, oncoExportCap } from '../../../../shared/registry/db/onco-export';
import { savedCriteria } from '../../../../shared/registry/db/onco-lists';
import { todayIso } from '../../../../shared/registry/db/onco-queries';
import { OncoExportBody } from '../../../../shared/registry/domain/onco-criteria-params';
import { oncoExportFileName } from '../../../../shared/registry/domain/onco-export-columns';
import { registryPermissions } from '../../../../shared/registry/permissions';
import { problems } from '../../../lib/problem';
import { parseBody, parseQuery, requirePermission, restHandler } from '../../../lib/rest';
import { fileDownload } from './download';
import { ExportQuery } from './query-schemas';

const tooMany = new Refusal(
  'invalid',
  '904',
  `Под условия подходит более ${russianCount(oncoExportCap)} лиц. Уточните условия отбора.`,
  [
    {
      rule: 'REQUEST',
      severity: 'error',
      code: '904',
      field: 'criteria',
      message: 'Сузьте условия выгрузки',
    },
  ],
  'Слишком много лиц для выгрузки',
);

/**
 * POST /api/v1/onco/persons/export?format=csv|xlsx — the list by the criteria in the body (or a saved list by
 * `listId`) as a CSV or XLSX file, at most 10,000 persons; audited as an export.
 */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, registryPermissions.readOnco);
  const { format } = parseQuery(event, ExportQuery);
  const body = parseBody(event, OncoExportBody);
  const today = todayIso();
  const result = await db(async (tx) => {
    let criteria = body.criteria;
    if (body.listId !== undefined) {
      const saved = await savedCriteria(tx, body.listId);
      if (!saved.ok && saved.reason === 'missing') {
        throw problems.notFound('Сохранённый список не найден или недоступен.');
      }
      if (!saved.ok) {
        throw Refusal.request('904', 'Условия сохранённого списка устарели: откройте и сохраните их заново.');
      }
      criteria = saved.criteria;
    }
    return exportOncoPersons(tx, criteria!, format, { sort: body.sort, today });
  });
  if (!result.ok) throw tooMany;
  return fileDownload(event, result.format, result.body, oncoExportFileName(today, result.format));
});
