/** Month names in the nominative, as reporting periods are written: «март 2026». */
export const monthNames = [
  'январь',
  'февраль',
  'март',
  'апрель',
  'май',
  'июнь',
  'июль',
  'август',
  'сентябрь',
  'октябрь',
  'ноябрь',
  'декабрь',
] as const;

/** A period `YYYY-MM` as «март 2026» (the text itself when it is not one). */
export function formatMonth(period: string): string {
  const [year, month] = period.split('-');
  const name = month ? monthNames[Number(month) - 1] : undefined;
  return name ? `${name} ${year}` : period;
}
