import { defineArea } from '../platform/area';
import { auditPermissions } from './permissions';

/** The audit log: search, export and a person's access log (recording is the platform's, shared/platform/access/scoped.ts). */
export const auditArea = defineArea({
  id: 'audit',
  core: false,
  permissions: Object.values(auditPermissions),
  sections: [
    {
      id: 'audit',
      title: 'Журнал аудита',
      path: '/audit',
      kinds: ['TFOMS'],
      permission: auditPermissions.read,
      available: true,
      order: 160,
    },
  ],
  rest: [
    {
      kind: 'rest',
      name: 'AuditSearch',
      entry: 'functions/rest/audit/search-audit.ts',
      method: 'GET',
      path: '/api/v1/audit',
      auth: 'user',
    },
    {
      kind: 'rest',
      name: 'AuditExport',
      entry: 'functions/rest/audit/export-audit.ts',
      method: 'GET',
      path: '/api/v1/audit/export',
      auth: 'user',
    },
    {
      kind: 'rest',
      name: 'PersonsAccessLog',
      entry: 'functions/rest/audit/person-access-log.ts',
      method: 'GET',
      path: '/api/v1/persons/{id}/access-log',
      auth: 'user',
    },
  ],
});
