import type { AuditPage } from '../../../shared/audit/db/search-audit-log';
import type { AuditEntryView } from '../../../shared/audit/domain/audit-entry';
import type { AuditFilter } from '../../../shared/audit/domain/audit-filter';
import { apiRequest, buildUrl, type QueryValue } from './client';
import { downloadFile } from './download';

/** One entry of the audit log as `GET /api/v1/audit` answers it. */
export type AuditEntry = AuditEntryView;

/** A page of the audit log; `totalExact: false` means more than `total` (= `totalCap`) entries match. */
export type { AuditPage };

/** Filters of the audit log: the server's filter names, as query-string text (`AuditFilter` parses them). */
export type AuditFilters = { [K in keyof AuditFilter]?: string };

export function fetchAuditLog(
  filters: AuditFilters,
  paging: { page: number; pageSize: number },
  signal?: AbortSignal,
): Promise<AuditPage> {
  return apiRequest('/api/v1/audit', { query: { ...filters, ...paging }, signal });
}

export function fetchPersonAccessLog(
  personId: string,
  paging: { page: number; pageSize: number },
  signal?: AbortSignal,
): Promise<AuditPage> {
  return apiRequest(`/api/v1/persons/${encodeURIComponent(personId)}/access-log`, { query: paging, signal });
}

/** Downloads the filtered audit log as a CSV file (the browser saves it under the server's file name). */
export async function downloadAuditCsv(filters: AuditFilters): Promise<void> {
  await downloadFile({
    url: buildUrl('/api/v1/audit/export', filters as Record<string, QueryValue>),
    accept: 'text/csv',
    fallbackName: 'audit.csv',
  });
}
