import type { AuditEntry } from '../../api/audit';
import type { Column, FilterSpec } from '../../components/data-table/types';
import { formatDateTime } from '../../format/dates';
import { formatCount } from '../../format/numbers';

/** Who acted: full name when visible, always the login. */
export function AuditUser({ entry }: { entry: AuditEntry }) {
  return entry.fullName ? (
    <>
      {entry.fullName} <span className="muted">({entry.username})</span>
    </>
  ) : (
    entry.username
  );
}

export function AuditOrganisation({ entry }: { entry: AuditEntry }) {
  if (!entry.orgCode) return <span className="muted">—</span>;
  return (
    <>
      {entry.orgShortName ?? entry.orgCode} <span className="muted">({entry.orgCode})</span>
    </>
  );
}

export function AuditEntity({ entry }: { entry: AuditEntry }) {
  return entry.entityTitle === entry.entity ? (
    <code>{entry.entity}</code>
  ) : (
    <span title={entry.entity}>{entry.entityTitle}</span>
  );
}

export const auditColumns: readonly Column<AuditEntry>[] = [
  { id: 'at', header: 'Время', className: 'cell-date', cell: (e) => formatDateTime(e.at) },
  { id: 'user', header: 'Пользователь', cell: (e) => <AuditUser entry={e} /> },
  { id: 'organisation', header: 'Организация', cell: (e) => <AuditOrganisation entry={e} /> },
  { id: 'role', header: 'Роль', cell: (e) => e.roleTitle ?? '—' },
  { id: 'channel', header: 'Канал', cell: (e) => e.channelTitle },
  { id: 'action', header: 'Действие', cell: (e) => e.actionTitle },
  { id: 'entity', header: 'Объект', cell: (e) => <AuditEntity entry={e} /> },
  { id: 'records', header: 'Записей', className: 'cell-number', cell: (e) => formatCount(e.recordCount) },
  {
    id: 'request',
    header: 'Идентификатор запроса',
    className: 'cell-code',
    cell: (e) => (e.requestId ? <code>{e.requestId}</code> : <span className="muted">—</span>),
  },
];

const actionOptions = [
  { value: 'read', label: 'Просмотр' },
  { value: 'create', label: 'Создание' },
  { value: 'update', label: 'Изменение' },
  { value: 'delete', label: 'Удаление' },
  { value: 'export', label: 'Выгрузка' },
  { value: 'import', label: 'Загрузка' },
  { value: 'query', label: 'Запрос' },
  { value: 'sign_in', label: 'Вход в систему' },
  { value: 'sign_in_failed', label: 'Неудачный вход' },
  { value: 'sign_out', label: 'Выход из системы' },
];

const channelOptions = [
  { value: 'web', label: 'Веб-интерфейс' },
  { value: 'rest', label: 'REST API' },
  { value: 'soap', label: 'SOAP' },
  { value: 'file', label: 'Файловый обмен' },
  { value: 'system', label: 'Система' },
];

export const auditFilters: readonly FilterSpec[] = [
  { kind: 'date', name: 'from', label: 'С даты' },
  { kind: 'date', name: 'to', label: 'По дату' },
  { kind: 'text', name: 'username', label: 'Пользователь', placeholder: 'Имя входа' },
  { kind: 'text', name: 'orgCode', label: 'Организация', placeholder: 'Код (F003, F002, ТФОМС)' },
  { kind: 'select', name: 'action', label: 'Действие', options: actionOptions, emptyLabel: 'Все' },
  { kind: 'select', name: 'channel', label: 'Канал', options: channelOptions, emptyLabel: 'Все' },
  { kind: 'text', name: 'entity', label: 'Объект', placeholder: 'Например, person' },
  { kind: 'text', name: 'personId', label: 'Номер лица', placeholder: 'Идентификатор' },
  { kind: 'text', name: 'requestId', label: 'Идентификатор запроса' },
];

/** The filter values in force, read from the page's query string (the DataTable keeps them there). */
export function auditFiltersFrom(params: URLSearchParams): Record<string, string> {
  return Object.fromEntries(
    auditFilters.flatMap((spec) => {
      const value = params.get(spec.name)?.trim();
      return value ? [[spec.name, value]] : [];
    }),
  );
}
