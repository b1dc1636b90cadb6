import { AuditLogPage } from './AuditLogPage';

/** The audit area's sections by id (the ids of `GET /api/v1/me`). */
export const sectionPages = { audit: AuditLogPage };
