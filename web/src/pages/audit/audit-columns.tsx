import type { AuditEntry } from '../../api/audit';
import type { Column, FilterSpec } from '../../components/data-table/types';
import { Named } from '../../components/Named';
import { formatDateTime } from '../../format/dates';
import { formatCount } from '../../format/numbers';

/** Who acted when no account has the login (the system's own jobs, files of the demo story). */
const actorWithoutAccount: Readonly<Record<string, string>> = { system: 'Система', file: 'Файловый обмен' };

/** Who acted: the account's full name, the login on hover; an account unknown to the region in words. */
export function AuditUser({ entry }: { entry: AuditEntry }) {
  return (
    <span title={`Имя входа: ${entry.username}`}>
      {entry.fullName ?? actorWithoutAccount[entry.channel] ?? 'Учётная запись не найдена'}
    </span>
  );
}

export function AuditOrganisation({ entry }: { entry: AuditEntry }) {
  return <Named code={entry.orgCode} name={entry.orgShortName} />;
}

export function AuditEntity({ entry }: { entry: AuditEntry }) {
  return <span title={entry.entity}>{entry.entityTitle}</span>;
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
    className: 'cell-id',
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

/** The objects people look for most (the server's `auditEntityTitles`). */
const entityOptions = [
  { value: 'person', label: 'Застрахованное лицо' },
  { value: 'hosp.referral', label: 'Направление на госпитализацию' },
  { value: 'hosp.stay', label: 'Госпитализация' },
  { value: 'account', label: 'Учётная запись' },
  { value: 'organisation', label: 'Организация' },
  { value: 'erz.extract', label: 'Выписка ЕРЗ' },
  { value: 'hosp.t_file', label: 'Файл обмена по госпитализации' },
  { value: 'audit.entry', label: 'Журнал аудита' },
];

export const auditFilters: readonly FilterSpec[] = [
  { kind: 'date', name: 'from', label: 'С даты' },
  { kind: 'date', name: 'to', label: 'По дату' },
  { kind: 'text', name: 'username', label: 'Пользователь', placeholder: 'Имя входа' },
  { kind: 'text', name: 'orgCode', label: 'Организация', placeholder: 'Код организации' },
  { kind: 'select', name: 'action', label: 'Действие', options: actionOptions, emptyLabel: 'Все' },
  { kind: 'select', name: 'channel', label: 'Канал', options: channelOptions, emptyLabel: 'Все' },
  { kind: 'select', name: 'entity', label: 'Объект', options: entityOptions, emptyLabel: 'Все' },
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
