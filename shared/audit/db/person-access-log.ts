import type { Tx } from '../../platform/db/connection';
import { personVisible } from './audit-entries';
import type { AuditPageRequest } from './search-audit-log';
import { type AuditPage, searchAuditLog } from './search-audit-log';

/**
 * Who opened or changed a person: the audit entries naming them, as far as the caller may see the log (ТФОМС
 * all, others their organisation's). `null` when the person is outside the caller's scope. The read is
 * audited as `person.access-log` with the person's id.
 */
export async function personAccessLog(
  tx: Tx,
  personId: number,
  paging: Omit<AuditPageRequest, 'filter'>,
): Promise<AuditPage | null> {
  if (!(await personVisible(tx, personId))) return null;
  return searchAuditLog(tx, { ...paging, filter: { personId } }, 'person.access-log');
}
