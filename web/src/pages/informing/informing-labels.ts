import type { InformingReason, RequestStatus } from '../../api/informing';

/**
 * Russian words of «Заявки на информирование»: the code lists of shared/informing/domain/codes.ts (the web
 * imports no server code) and the request's states.
 */

export const reasonNames: Readonly<Record<InformingReason, string>> = {
  PMO: 'Приглашение на профилактический осмотр',
  DVN1: 'Приглашение на диспансеризацию (I этап)',
  DVN2: 'Приглашение на II этап диспансеризации',
  UDVN: 'Приглашение на углублённую диспансеризацию',
  DN: 'Плановое посещение диспансерного наблюдения',
  HOSP_PLANNED: 'Плановая госпитализация',
  ONCO: 'Подозрение на онкологическое заболевание без дообследования',
  PROCEDURE: 'Предстоящая медицинская процедура или операция',
  CARE_INFO: 'Методы профилактики, диагностики, лечения и реабилитации по итогам консультации (консилиума)',
  OTHER: 'Иное',
};

/** `infometh`: how the СМО reached the person. */
export const methodNames: Readonly<Record<number, string>> = {
  1: 'СМС-сообщение',
  2: 'Электронная почта',
  3: 'Телефон',
  4: 'Почта',
  5: 'Прочее',
  6: 'ЕПГУ',
  7: 'Мессенджер',
};

/** `infostep`: what the СМО told. */
export const stepNames: Readonly<Record<number, string>> = {
  1: 'Приглашение',
  2: 'Напоминание',
  3: 'Приглашение на второй этап',
  4: 'Напоминание о втором этапе',
};

/** What came of it: 1, 2 and 5 close the request; 3 and 4 are attempts. */
export const outcomeNames: Readonly<Record<number, string>> = {
  1: 'Проинформирован',
  2: 'Отказался от информирования',
  3: 'Не удалось связаться',
  4: 'Неверные контактные данные',
  5: 'Умер или выбыл',
};

export const statusNames: Readonly<Record<RequestStatus, string>> = {
  open: 'Не исполнена',
  informed: 'Проинформирован',
  refused: 'Отказался',
  closed: 'Закрыта: умер или выбыл',
};

const optionsOf = (names: Readonly<Record<string | number, string>>) =>
  Object.entries(names).map(([value, label]) => ({ value, label }));

export const reasonOptions = optionsOf(reasonNames);
export const methodOptions = optionsOf(methodNames);
export const stepOptions = optionsOf(stepNames);
export const outcomeOptions = optionsOf(outcomeNames);
export const statusOptions = optionsOf(statusNames);

/** Today in the reader's time zone, `YYYY-MM-DD`. */
export function todayIso(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

/** `days` after `iso`, `YYYY-MM-DD`. */
export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
