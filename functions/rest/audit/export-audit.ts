import { auditExportCap, exportAuditLog } from '../../../shared/audit/db/export-audit-log';
import { AuditFilter, auditExportFileName } from '../../../shared/audit/domain/audit-filter';
import { auditPermissions } from '../../../shared/audit/permissions';
import { Refusal } from '../../../shared/platform/flk/refusal';
import { russianCount } from '../../../shared/platform/formats/russian-count';
import { parseQuery, requirePermission, restHandler } from '../../lib/rest';
import { csvDownload } from './csv-download';

/** GET /api/v1/audit/export — the filtered audit log as a CSV file (at most 100,000 entries). */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, auditPermissions.read);
  const filter = parseQuery(event, AuditFilter);
  const result = await db((tx) => exportAuditLog(tx, filter));
  if (!result.ok) {
    throw new Refusal(
      'invalid',
      '904',
      `Под условия подходит более ${russianCount(auditExportCap)} записей журнала. Сократите период или добавьте фильтры.`,
      [
        {
          rule: 'REQUEST',
          severity: 'error',
          code: '904',
          field: 'from',
          message: 'Сузьте условия выгрузки',
        },
      ],
      'Слишком много записей для выгрузки',
    );
  }
  const today = new Date().toISOString().slice(0, 10);
  return csvDownload(event, result.csv, auditExportFileName(filter, today));
});
