import { type Role, roleTitles } from '../../platform/access/roles';
import { auditActionTitle, auditChannelTitle, auditEntityTitle } from './audit-vocabulary';

/** One row of `audit.entry` with the organisation's short name and the account's full name (when visible). */
export interface AuditEntryRow {
  id: string;
  at: Date;
  username: string;
  fullName: string | null;
  orgCode: string | null;
  orgShortName: string | null;
  role: string | null;
  channel: string;
  action: string;
  entity: string;
  recordIds: string[];
  personIds: string[];
  recordCount: number;
  requestId: string | null;
  details: Record<string, unknown> | null;
}

/** An audit entry as the REST API answers it: codes with their Russian titles. */
export interface AuditEntryView {
  id: string;
  at: string;
  username: string;
  fullName: string | null;
  orgCode: string | null;
  orgShortName: string | null;
  role: string | null;
  roleTitle: string | null;
  channel: string;
  channelTitle: string;
  action: string;
  actionTitle: string;
  entity: string;
  entityTitle: string;
  recordIds: string[];
  personIds: string[];
  recordCount: number;
  requestId: string | null;
  details: Record<string, unknown> | null;
}

export function roleTitleOf(role: string | null): string | null {
  if (!role) return null;
  return roleTitles[role as Role] ?? role;
}

export function viewAuditEntry(row: AuditEntryRow): AuditEntryView {
  return {
    id: row.id,
    at: row.at.toISOString(),
    username: row.username,
    fullName: row.fullName,
    orgCode: row.orgCode,
    orgShortName: row.orgShortName,
    role: row.role,
    roleTitle: roleTitleOf(row.role),
    channel: row.channel,
    channelTitle: auditChannelTitle(row.channel),
    action: row.action,
    actionTitle: auditActionTitle(row.action),
    entity: row.entity,
    entityTitle: auditEntityTitle(row.entity),
    recordIds: row.recordIds,
    personIds: row.personIds,
    recordCount: row.recordCount,
    requestId: row.requestId,
    details: row.details,
  };
}
