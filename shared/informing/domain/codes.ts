/**
 * Code lists of informing (docs/design/informing-exchange.md; DOMAIN §2.4.4, §2.6): reasons of a request, methods,
 * steps and outcomes of a result, with their Russian names.
 */
export const informingReasons = [
  'PMO',
  'DVN1',
  'DVN2',
  'UDVN',
  'DN',
  'HOSP_PLANNED',
  'ONCO',
  'PROCEDURE',
  'CARE_INFO',
  'OTHER',
] as const;
export type InformingReason = (typeof informingReasons)[number];

export const reasonNames: Record<InformingReason, string> = {
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
export const methodNames: Record<number, string> = {
  1: 'SMS',
  2: 'Электронная почта',
  3: 'Телефон',
  4: 'Почта',
  5: 'Прочее',
  6: 'ЕПГУ',
  7: 'Мессенджер',
};

/** `infostep`: what the СМО told. */
export const stepNames: Record<number, string> = {
  1: 'Приглашение',
  2: 'Напоминание',
  3: 'Приглашение на второй этап',
  4: 'Напоминание о втором этапе',
};

/** What came of it: 1, 2 and 5 close the request; 3 and 4 are attempts. */
export const outcomeNames: Record<number, string> = {
  1: 'Проинформирован',
  2: 'Отказался от информирования',
  3: 'Не удалось связаться',
  4: 'Неверные контактные данные',
  5: 'Умер или выбыл',
};

export type RequestStatus = 'open' | 'informed' | 'refused' | 'closed';

/** The request's status after a result with this outcome (null: it stays open, one attempt more). */
export function statusAfter(outcome: number): RequestStatus | null {
  return outcome === 1 ? 'informed' : outcome === 2 ? 'refused' : outcome === 5 ? 'closed' : null;
}
