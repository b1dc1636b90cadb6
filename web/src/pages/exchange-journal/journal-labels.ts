import type { JournalEntry } from '../../api/exchange-journal';

/** Russian names of the journal's channels, statuses and kinds of packages (the UI's own labels). */
export const channelLabels: Record<JournalEntry['channel'], string> = {
  soap: 'SOAP',
  rest: 'REST',
  web: 'Веб-интерфейс',
  file: 'Файл',
};

export const statusLabels: Record<JournalEntry['status'], string> = {
  accepted: 'Принят',
  partially_accepted: 'Принят частично',
  rejected: 'Отклонён',
  processing: 'Обрабатывается',
  failed: 'Сбой обработки',
  duplicate: 'Повтор',
};

/** The kinds of packages the filter offers; the rows carry the server's names. */
export const kindLabels: Record<string, string> = {
  referral: 'Направления',
  cancellation: 'Аннулирование направлений',
  admission: 'Госпитализации',
  movement: 'Переводы',
  discharge: 'Выписки',
  'free-beds': 'Свободные места',
  plan: 'План госпитализации',
  't-file': 'Файл T (вид не определён)',
  'erz-extract': 'Выгрузка ЕРЗ',
};

export const journalRootPath = '/exchange-journal';
export const silentPath = `${journalRootPath}/silent`;

export function journalEntryPath(id: string): string {
  return `${journalRootPath}/${encodeURIComponent(id)}`;
}

/** A count the server did not send (not known yet, e.g. a file still in processing) is a dash, not a zero. */
export function countOrDash(value: number | null): string {
  return value === null ? '—' : value.toLocaleString('ru-RU');
}
