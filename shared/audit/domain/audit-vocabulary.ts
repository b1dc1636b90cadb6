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

/** Titles of the entities the code writes today (`audit(…)` calls and the audit triggers of the tables). */
export const auditEntityTitles: Readonly<Record<string, string>> = {
  account: 'Учётная запись',
  person: 'Застрахованное лицо',
  'person.person': 'Застрахованное лицо (ЕРЗ)',
  'person.policy': 'Полис (ЕРЗ)',
  'person.attachment': 'Прикрепление (ЕРЗ)',
  'person.document': 'Документ (ЕРЗ)',
  'person.access-log': 'Журнал доступа к карточке лица',
  'person.affiliation': 'Запрос страховой принадлежности',
  'person.register': 'Регистр застрахованных',
  'erz.extract': 'Выписка ЕРЗ',
  'erz.protocol': 'Протокол загрузки выписки ЕРЗ',
  'audit.entry': 'Журнал аудита',
  organisation: 'Организация',
  department: 'Отделение',
  doctor: 'Врач',
  district: 'Участок',
  'hosp.referral': 'Направление на госпитализацию',
  'hosp.stay': 'Госпитализация',
  'hosp.package': 'Пакет обмена по госпитализации',
  'hosp.t_file': 'Файл обмена по госпитализации',
  'hosp.t_file.protocol': 'Протокол файла обмена по госпитализации',
  'hosp.feed.referrals': 'Лента направлений',
  'hosp.feed.admissions': 'Лента госпитализаций',
  'hosp.feed.events': 'Лента событий госпитализации',
  'hosp.feed.free-beds': 'Лента свободных мест',
  'exchange.journal': 'Журнал обмена',
  'exchange.protocol': 'Протокол пакета обмена',
};

/** Areas of entities without a title of their own (one added later is still shown in words). */
const auditEntityAreas: readonly [prefix: string, title: string][] = [
  ['hosp.', 'Госпитализация'],
  ['person.', 'Застрахованные лица'],
  ['erz.', 'ЕРЗ'],
  ['nsi.', 'НСИ'],
  ['org.', 'Организации'],
  ['exchange.', 'Обмен'],
  ['audit.', 'Журнал аудита'],
];

export function auditActionTitle(action: string): string {
  return auditActionTitles[action as AuditActionCode] ?? action;
}

export function auditChannelTitle(channel: string): string {
  return auditChannelTitles[channel as AuditChannel] ?? channel;
}

/** The entity in words: its own title, or its area's («Госпитализация: прочие данные»). */
export function auditEntityTitle(entity: string): string {
  const own = auditEntityTitles[entity];
  if (own) return own;
  const area = auditEntityAreas.find(([prefix]) => entity.startsWith(prefix));
  return area ? `${area[1]}: прочие данные` : 'Прочие данные';
}
