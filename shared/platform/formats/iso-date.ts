const isoDateShape = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The days any exchange, API or file may name. The start is the earliest birth date of a living person and the
 * start of validity of directories without one; the end is the «open end» FFOMS publications give (31.12.2999).
 * Both are far inside what PostgreSQL and JavaScript dates hold, so date arithmetic near the ends stays safe.
 */
export const isoDateRange = { min: '1900-01-01', max: '2999-12-31' } as const;

/** What is wrong with a date text: not `YYYY-MM-DD`, no such calendar day, or outside `isoDateRange`. */
export type IsoDateProblem = 'format' | 'calendar' | 'range';

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Why `value` is not an acceptable `YYYY-MM-DD` date, or null when it names a real day within the range. */
export function isoDateProblem(value: string): IsoDateProblem | null {
  if (value.length !== 10 || !isoDateShape.test(value)) return 'format';
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return 'calendar';
  if (value < isoDateRange.min || value > isoDateRange.max) return 'range';
  return null;
}

/**
 * `YYYY-MM-DD` naming a real calendar day within `isoDateRange` (the date form of every exchange file and API):
 * `2026-02-31` or `0000-00-00` is no date, and never reaches the database.
 */
export function isIsoDate(value: string): boolean {
  return isoDateProblem(value) === null;
}

/**
 * `ДД.ММ.ГГГГ` (FFOMS and НСИ publications) rewritten as `ГГГГ-ММ-ДД`, by position only: the result still has
 * to pass `isoDateProblem` (`31.02.2020` becomes `2020-02-31`, which is no day). Other text is returned trimmed.
 */
export function ruDateAsIso(value: string): string {
  const text = value.trim();
  const ru = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(text);
  return ru ? `${ru[3]}-${ru[2]}-${ru[1]}` : text;
}
