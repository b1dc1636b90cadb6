import { audit } from '../../platform/access/scoped';
import type { Tx } from '../../platform/db/connection';
import { type AuditEntryView, viewAuditEntry } from '../domain/audit-entry';
import type { AuditFilter } from '../domain/audit-filter';
import { type AuditCursor, auditTotalCap, encodeAuditCursor } from '../domain/audit-paging';
import { countAuditEntries, findAuditEntries } from './audit-entries';

export interface AuditPageRequest {
  filter: AuditFilter;
  pageSize: number;
  /** Page mode (1-based); ignored when `after` is given. */
  page: number;
  /** Keyset mode: continue after this entry. */
  after?: AuditCursor | undefined;
}

/**
 * One page of the audit log. `total` counts matching entries up to `totalCap`; `totalExact: false` means there
 * are more than `total` (narrow the filter, or walk on with `nextCursor`). `nextCursor` is null on the last page.
 */
export interface AuditPage {
  items: AuditEntryView[];
  page: number | null;
  pageSize: number;
  total: number;
  totalExact: boolean;
  totalCap: number;
  nextCursor: string | null;
}

/** Reads a page of the log and records that read in the log itself (the ids of the entries shown). */
export async function searchAuditLog(
  tx: Tx,
  request: AuditPageRequest,
  entity = 'audit.entry',
): Promise<AuditPage> {
  const { filter, pageSize, page, after } = request;
  const rows = await findAuditEntries(tx, filter, {
    limit: pageSize + 1,
    ...(after ? { after } : { offset: (page - 1) * pageSize }),
  });
  const counted = await countAuditEntries(tx, filter, auditTotalCap);
  const shown = rows.slice(0, pageSize);
  const last = shown[shown.length - 1];
  const persons = filter.personId === undefined ? [] : [filter.personId];
  await audit(tx, 'read', entity, { records: shown.map((row) => row.id), persons });
  return {
    items: shown.map(viewAuditEntry),
    page: after ? null : page,
    pageSize,
    total: Math.min(counted, auditTotalCap),
    totalExact: counted <= auditTotalCap,
    totalCap: auditTotalCap,
    nextCursor: rows.length > pageSize && last ? encodeAuditCursor({ at: last.atKey, id: last.id }) : null,
  };
}
