import { audit } from '../../platform/access/scoped';
import type { Tx } from '../../platform/db/connection';
import { viewAuditEntry } from '../domain/audit-entry';
import { type AuditFilter, describeFilterForAudit } from '../domain/audit-filter';
import { auditCsvHeader, auditCsvLines } from '../formats/audit-csv';
import { auditEntriesInChunks, countAuditEntries } from './audit-entries';

/** At most this many entries go into one export; above it the caller is asked to narrow the filter. */
export const auditExportCap = 100_000;
const chunkSize = 5_000;

export type AuditExport = { ok: true; csv: string; rows: number } | { ok: false; matching: number };

/**
 * The audit log as CSV (UTF-8 with BOM, `;`, Russian headers), read in keyset chunks. The export itself is
 * recorded as an `export` entry with the filter (codes only; a filtered person goes to person_ids).
 */
export async function exportAuditLog(tx: Tx, filter: AuditFilter): Promise<AuditExport> {
  const matching = await countAuditEntries(tx, filter, auditExportCap);
  if (matching > auditExportCap) return { ok: false, matching };
  const parts = [auditCsvHeader()];
  let rows = 0;
  for await (const chunk of auditEntriesInChunks(tx, filter, chunkSize)) {
    parts.push(auditCsvLines(chunk.map(viewAuditEntry)));
    rows += chunk.length;
    if (rows >= auditExportCap) break;
  }
  const persons = filter.personId === undefined ? [] : [filter.personId];
  await audit(tx, 'export', 'audit.entry', { persons }, { filter: describeFilterForAudit(filter), rows });
  return { ok: true, csv: parts.join(''), rows };
}
