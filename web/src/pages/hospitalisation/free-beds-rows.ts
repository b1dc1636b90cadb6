import type { FreeBedsInput, FreeBedsView } from '../../api/hospitalisation';
import type { Department } from '../../api/organisations';

/** The counts of a free-beds row (T6 KOL_*): short column titles and the words a message uses. */
export const counts = [
  ['occupiedAtStart', 'Занято на начало', 'занято на начало суток'],
  ['admitted', 'Поступило', 'поступило'],
  ['discharged', 'Выбыло', 'выбыло'],
  ['plannedToday', 'План на день', 'запланировано на день'],
  ['freeTotal', 'Свободно', 'свободно всего'],
  ['freeMale', 'Муж.', 'свободно для мужчин'],
  ['freeFemale', 'Жен.', 'свободно для женщин'],
  ['freeAdult', 'Взр.', 'свободно для взрослых'],
  ['freeChild', 'Дет.', 'свободно для детей'],
] as const;
export type CountName = (typeof counts)[number][0];
export const countWords = Object.fromEntries(counts.map(([name, , words]) => [name, words])) as Record<
  CountName,
  string
>;
export const forecastDays = 3;

/** The parts of the free total that must each fit within it (male/female, adult/child). */
export const totalParts = ['freeMale', 'freeFemale', 'freeAdult', 'freeChild'] as const;

export interface Row {
  key: string;
  departmentCode: string;
  departmentName: string;
  conditions: number;
  profile: number;
  bedProfile: number;
  bedProfileName: string;
  /** Beds of this profile in the department's bed fund: the free total never exceeds them. */
  beds: number;
  values: Record<CountName, string>;
  forecast: string[];
}

/** One row per open inpatient or day-hospital department × bed profile, filled from its latest report. */
export function rowsOf(departments: readonly Department[], reported: readonly FreeBedsView[]): Row[] {
  return departments
    .filter((d) => !d.dateEnd && (d.kind === 'inpatient' || d.kind === 'day_hospital'))
    .flatMap((d) =>
      d.beds.map((b) => {
        const last = reported.find(
          (r) =>
            r.departmentCode === d.code &&
            r.bedProfile === b.bedProfileV020 &&
            r.conditions === d.conditionsV006,
        );
        const fromFund: Record<CountName, number> = {
          occupiedAtStart: 0,
          admitted: 0,
          discharged: 0,
          plannedToday: 0,
          freeTotal: b.beds,
          freeMale: b.bedsMale,
          freeFemale: b.bedsFemale,
          freeAdult: b.beds - b.bedsChild,
          freeChild: b.bedsChild,
        };
        return {
          key: `${d.code}-${b.bedProfileV020}-${d.conditionsV006}`,
          departmentCode: d.code,
          departmentName: d.name,
          conditions: d.conditionsV006,
          profile: d.profileV002,
          bedProfile: b.bedProfileV020,
          bedProfileName: b.bedProfileName ?? '',
          beds: b.beds,
          values: Object.fromEntries(
            counts.map(([name]) => [name, String(last ? last[name] : fromFund[name])]),
          ) as Record<CountName, string>,
          forecast: Array.from({ length: forecastDays }, (_, i) =>
            last?.forecast[i] ? String(last.forecast[i].free) : '',
          ),
        };
      }),
    );
}

/** A count as typed: a whole number, or null when the text is not one. */
export function countOf(text: string): number | null {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : null;
}

export interface RowProblem {
  field: CountName | 'forecast';
  message: string;
}

/**
 * What is wrong with a row before it is sent — the same rule the server's FLK applies to a free-beds record
 * (shared/hospitalisation/domain/free-beds-rules.ts, HOSP.BEDS.COUNTS), every problem at once: each count a
 * whole number not below zero; free beds for men, for women, for adults and for children each within the free
 * total; the free total and each forecast within the beds of the profile in the department's bed fund.
 */
export function rowProblems(row: Row): RowProblem[] {
  const problems: RowProblem[] = [];
  const value: Partial<Record<CountName, number>> = {};
  for (const [name] of counts) {
    const n = countOf(row.values[name]);
    if (n === null) {
      problems.push({
        field: name,
        message:
          row.values[name].trim() === ''
            ? `Не заполнено «${countWords[name]}».`
            : `«${countWords[name]}»: введите целое число не меньше нуля.`,
      });
    } else value[name] = n;
  }
  const total = value.freeTotal;
  if (total !== undefined) {
    for (const part of totalParts) {
      const n = value[part];
      if (n !== undefined && n > total) {
        problems.push({
          field: part,
          message: `«${countWords[part]}» (${n}) больше, чем свободно всего (${total}).`,
        });
      }
    }
    if (total > row.beds) {
      problems.push({
        field: 'freeTotal',
        message: `Свободно всего (${total}) больше коек профиля в отделении (${row.beds}).`,
      });
    }
  }
  for (const text of row.forecast) {
    if (text.trim() === '') continue;
    const n = countOf(text);
    if (n === null || n > row.beds) {
      problems.push({
        field: 'forecast',
        message:
          n === null
            ? 'Прогноз: введите целое число не меньше нуля.'
            : `Прогноз (${n}) больше коек профиля в отделении (${row.beds}).`,
      });
    }
  }
  return problems;
}

/** Column sums of the rows as typed (rows' unreadable counts left out): the hospital's sub-totals. */
export function totalsOf(rows: readonly Row[]): Record<CountName, number> & { beds: number } {
  const sums = Object.fromEntries(counts.map(([name]) => [name, 0])) as Record<CountName, number>;
  let beds = 0;
  for (const row of rows) {
    beds += row.beds;
    for (const [name] of counts) sums[name] += countOf(row.values[name]) ?? 0;
  }
  return { ...sums, beds };
}

/**
 * The T6 record of a row on a date. One stable id per hospital × department × bed profile × conditions × day:
 * a re-entry updates the report. Text that is not a number is sent as typed (the server names a format error).
 */
export function recordOf(
  row: Row,
  date: string,
  moCode: string,
  forecastDates: readonly string[],
): FreeBedsInput {
  const number = (text: string) => (countOf(text) ?? text.trim()) as number;
  return {
    sourceId: `fb-${row.departmentCode}-${row.bedProfile}-${row.conditions}-${date}`,
    date,
    moCode,
    departmentCode: row.departmentCode,
    conditions: row.conditions,
    bedProfile: row.bedProfile,
    profile: row.profile,
    ...(Object.fromEntries(counts.map(([name]) => [name, number(row.values[name])])) as Record<
      CountName,
      number
    >),
    forecast: row.forecast.flatMap((free, i) =>
      free.trim() === '' || !forecastDates[i] ? [] : [{ date: forecastDates[i], free: number(free) }],
    ),
  };
}
