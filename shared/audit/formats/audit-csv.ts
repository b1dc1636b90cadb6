import { csvLine, utf8Bom } from '../../platform/formats/csv-writer';
import type { AuditEntryView } from '../domain/audit-entry';

/** Columns of the audit log export, in order, with their Russian headers. */
const columns: readonly { header: string; value: (entry: AuditEntryView) => string | number | null }[] = [
  { header: 'Номер записи', value: (e) => e.id },
  { header: 'Время (UTC, ISO 8601)', value: (e) => e.at },
  { header: 'Пользователь', value: (e) => e.username },
  { header: 'Код организации', value: (e) => e.orgCode },
  { header: 'Организация', value: (e) => e.orgShortName },
  { header: 'Роль', value: (e) => e.roleTitle },
  { header: 'Канал', value: (e) => e.channelTitle },
  { header: 'Действие', value: (e) => e.actionTitle },
  { header: 'Объект', value: (e) => e.entity },
  { header: 'Количество записей', value: (e) => e.recordCount },
  { header: 'Идентификаторы записей', value: (e) => e.recordIds.join(' ') },
  { header: 'Идентификаторы лиц', value: (e) => e.personIds.join(' ') },
  { header: 'Идентификатор запроса', value: (e) => e.requestId },
  { header: 'Подробности', value: (e) => (e.details ? JSON.stringify(e.details) : null) },
];

/** The first chunk of the export: byte-order mark and header line. */
export function auditCsvHeader(): string {
  return utf8Bom + csvLine(columns.map((c) => c.header));
}

/** A chunk of data lines. */
export function auditCsvLines(entries: readonly AuditEntryView[]): string {
  let text = '';
  for (const entry of entries) text += csvLine(columns.map((c) => c.value(entry)));
  return text;
}
