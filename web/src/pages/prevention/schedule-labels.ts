/** Russian names of the schedule's codes (docs/design/prevention-exchange.md). */
export const kindLabels: Record<string, string> = {
  DVN: 'Диспансеризация',
  UDVN: 'Углублённая диспансеризация',
  PMO: 'Профилактический осмотр',
  DN: 'Диспансерное наблюдение',
};

export const methodLabels: Record<string, string> = {
  '1': 'В медицинской организации',
  '2': 'Выезд мобильной бригады',
  '3': 'Доставка граждан в МО',
};

export const gapLabels: Record<string, string> = {
  evening: 'нет вечерних часов',
  saturday: 'нет приёма в субботу',
  mobile: 'нет выездов мобильных бригад',
};

/** `YYYY-MM` of a date `months` after today's month. */
export function monthFromNow(months: number): string {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 7);
}
