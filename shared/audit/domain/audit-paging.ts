/**
 * Paging of the audit log (newest first: `at desc, id desc`). Two ways through it:
 * - pages (`page`, `pageSize`) for the UI, within the first `auditPageWindow` entries of the filter;
 * - a keyset cursor (`after`, from the previous answer's `nextCursor`) for integrators walking the whole log.
 * The total is counted only up to `auditTotalCap`: `totalExact: false` says there are more.
 */
export const auditTotalCap = 10_000;
export const auditPageWindow = auditTotalCap;
export const auditMaxPageSize = 200;

/** The position of an entry in the log's order. */
export interface AuditCursor {
  at: string;
  id: string;
}

export function encodeAuditCursor(cursor: AuditCursor): string {
  return Buffer.from(`${cursor.at}|${cursor.id}`, 'utf8').toString('base64url');
}

/** Reads a cursor; `null` for anything that is not one this API issued. */
export function decodeAuditCursor(text: string): AuditCursor | null {
  const decoded = Buffer.from(text, 'base64url').toString('utf8');
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3,6}Z)\|(\d{1,19})$/.exec(decoded);
  if (!match || Number.isNaN(Date.parse(match[1]!))) return null;
  return { at: match[1]!, id: match[2]! };
}
