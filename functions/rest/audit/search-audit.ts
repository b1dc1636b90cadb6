import { searchAuditLog } from '../../../shared/audit/db/search-audit-log';
import { AuditSearchQuery } from '../../../shared/audit/domain/audit-query';
import { auditPermissions } from '../../../shared/audit/permissions';
import { parseQuery, requirePermission, restHandler } from '../../lib/rest';

/** GET /api/v1/audit — the audit log of the region: filters, page or keyset paging, capped total. */
export const handler = restHandler({ auth: 'user' }, async ({ event, caller, db }) => {
  requirePermission(caller, auditPermissions.read);
  const { page, pageSize, after, ...filter } = parseQuery(event, AuditSearchQuery);
  return { body: await db((tx) => searchAuditLog(tx, { filter, page, pageSize, after })) };
});
