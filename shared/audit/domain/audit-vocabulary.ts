/**
 * The audit log's fixed vocabularies (migration 002, table `audit.entry`) and their Russian titles for the UI,
 * the REST answers and the CSV export.
 */

export const auditActions = [
  'read',
  'create',
  'update',
  'delete',
  'export',
  'import',
  'query',
  'sign_in',
  'sign_in_failed',
  'sign_out',
] as const;
export type AuditActionCode = (typeof auditActions)[number];

export const auditChannels = ['web', 'rest', 'soap', 'file', 'system'] as const;
export type AuditChannel = (typeof auditChannels)[number];

export const auditActionTitles: Record<AuditActionCode, string> = {
  read: 'Просмотр',
  create: 'Создание',
  update: 'Изменение',
  delete: 'Удаление',
  export: 'Выгрузка',
  import: 'Загрузка',
  query: 'Запрос',
  sign_in: 'Вход в систему',
  sign_in_failed: 'Неудачный вход',
  sign_out: 'Выход из системы',
};

export const auditChannelTitles: Record<AuditChannel, string> = {
  web: 'Веб-интерфейс',
  rest: 'REST API',
  soap: 'SOAP',
  file: 'Файловый обмен',
  system: 'Система',
};

/** Titles of the entities the code writes today; any other entity is shown by its identifier. */
export const auditEntityTitles: Readonly<Record<string, string>> = {
  account: 'Учётная запись',
  person: 'Застрахованное лицо',
  'person.person': 'Застрахованное лицо (ЕРЗ)',
  'person.policy': 'Полис (ЕРЗ)',
  'person.attachment': 'Прикрепление (ЕРЗ)',
  'person.document': 'Документ (ЕРЗ)',
  'person.access-log': 'Журнал доступа к карточке лица',
  'person.affiliation': 'Запрос страховой принадлежности',
  'erz.extract': 'Выписка ЕРЗ',
  'audit.entry': 'Журнал аудита',
};

export function auditActionTitle(action: string): string {
  return auditActionTitles[action as AuditActionCode] ?? action;
}

export function auditChannelTitle(channel: string): string {
  return auditChannelTitles[channel as AuditChannel] ?? channel;
}

export function auditEntityTitle(entity: string): string {
  return auditEntityTitles[entity] ?? entity;
}
