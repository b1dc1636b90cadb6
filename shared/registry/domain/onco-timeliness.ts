/**
 * Timeliness of oncology care (DOMAIN §6.3 «Своевременность оказания помощи после направления», «Мониторинг
 * онкологии»): how many days passed between two steps of a person's path, judged against the limit the care
 * guarantees set. Pure: dates are `YYYY-MM-DD` texts, «today» is an argument.
 *
 * Counting: the day the clock starts is not counted, the day it stops is (a referral on Monday and a
 * consultation on Thursday are 3 working days). Working days are Monday to Friday without the non-working
 * holidays of the Labour Code (art. 112: 1–8 January, 23 February, 8 March, 1 and 9 May, 12 June, 4 November);
 * a holiday on a Saturday or Sunday moves to the next working day (art. 112 part 2), except those of 1–8 January,
 * which the Government moves by its yearly decree. The decreed transfers of a year are not built in: a caller
 * that knows the year's production calendar passes it (`WorkCalendar`).
 */

/** How a limit is counted. */
export type DayUnit = 'working' | 'calendar';

export interface TimeLimit {
  /** Russian name of the step, for lists and exports. */
  title: string;
  days: number;
  unit: DayUnit;
  /** Where the limit comes from (docs/design/onco-register.md lists them). */
  source: string;
}

const pgg2026 =
  'Программа государственных гарантий бесплатного оказания медицинской помощи, изменения, сообщённые 02.02.2026 (DOMAIN §1.2, §6.3, источник S38)';

/** The limits of the care guarantees the register judges by. */
export const oncoTimeLimits = {
  /** Referral at suspicion (NAPR_V = 1, «к онкологу») → the first case of the «онкология» profile. */
  consultation: {
    title: 'Консультация врача-онколога после направления при подозрении на ЗНО',
    days: 3,
    unit: 'working',
    source: pgg2026,
  },
  /** Referral to a biopsy or further examination (NAPR_V = 2, 3) → the material taken (B_DIAG/DIAG_DATE). */
  diagnostics: {
    title: 'Диагностические исследования при подозрении на ЗНО со дня назначения',
    days: 7,
    unit: 'working',
    source: pgg2026,
  },
  /** ЗНО diagnosis → dispensary observation taken (DN = 2) or continued (DN = 1). */
  dispensary: {
    title: 'Установление диспансерного наблюдения врача-онколога после постановки диагноза',
    days: 3,
    unit: 'working',
    source: pgg2026,
  },
  /**
   * Suspicion → ЗНО diagnosis: the consultation and the diagnostics one after the other (3 + 7 working days).
   * A design inference (no norm names this span as one): the two limits it is made of are the guarantees'.
   */
  suspicionToDiagnosis: {
    title: 'От подозрения на ЗНО до установления диагноза',
    days: 10,
    unit: 'working',
    source: `Сумма сроков консультации (3 рабочих дня) и диагностики (7 рабочих дней): ${pgg2026}`,
  },
  /**
   * ЗНО diagnosis → treatment start (the first ONK_USL of types 1–4). The guarantees' limit for specialised care
   * of oncology patients: 7 working days from the histological verification or the preliminary diagnosis.
   */
  diagnosisToTreatment: {
    title: 'От установления диагноза ЗНО до начала лечения',
    days: 7,
    unit: 'working',
    source:
      'Программа государственных гарантий: сроки ожидания специализированной медицинской помощи для пациентов с онкологическими заболеваниями — не более 7 рабочих дней с момента гистологической верификации опухоли или установления предварительного диагноза (в DOMAIN не цитируется; проверить по действующей редакции ПГГ)',
  },
} as const satisfies Record<string, TimeLimit>;

export type OncoStep = keyof typeof oncoTimeLimits;

/** The non-working days the count skips besides Saturdays and Sundays, and the Saturdays/Sundays worked. */
export interface WorkCalendar {
  /** Extra days off (`YYYY-MM-DD`): decreed transfers, a region's own holidays. */
  daysOff?: readonly string[];
  /** Saturdays or Sundays that are working days by a decree (`YYYY-MM-DD`). */
  workingWeekends?: readonly string[];
}

/** Non-working holidays of the Labour Code, art. 112 part 1, as `MM-DD`. */
export const laborCodeHolidays = [
  '01-01',
  '01-02',
  '01-03',
  '01-04',
  '01-05',
  '01-06',
  '01-07',
  '01-08',
  '02-23',
  '03-08',
  '05-01',
  '05-09',
  '06-12',
  '11-04',
] as const;

const dayMs = 86_400_000;

/** Days since 1970-01-01 of a `YYYY-MM-DD` date (UTC: no time zone shifts a day). */
export function dayNumber(date: string): number {
  return Math.floor(Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / dayMs);
}

function dateOf(day: number): string {
  return new Date(day * dayMs).toISOString().slice(0, 10);
}

const isWeekend = (day: number) => {
  const weekday = new Date(day * dayMs).getUTCDay();
  return weekday === 0 || weekday === 6;
};

/** The days off of one year by the Labour Code: its holidays and the weekdays its weekend holidays move to. */
function codeDaysOff(year: number): Set<number> {
  const off = new Set<number>();
  for (const md of laborCodeHolidays) off.add(dayNumber(`${year}-${md}`));
  // A holiday on a Saturday or Sunday (except 1–8 January) moves to the next working day (art. 112 part 2).
  for (const md of laborCodeHolidays) {
    if (md.startsWith('01-')) continue;
    const day = dayNumber(`${year}-${md}`);
    if (!isWeekend(day)) continue;
    let next = day + 1;
    while (isWeekend(next) || off.has(next)) next += 1;
    off.add(next);
  }
  return off;
}

const yearCache = new Map<number, Set<number>>();
function codeDaysOffCached(year: number): Set<number> {
  let off = yearCache.get(year);
  if (!off) {
    off = codeDaysOff(year);
    yearCache.set(year, off);
  }
  return off;
}

/** Is this day a working day (Monday–Friday, not a holiday, or a decreed working weekend)? */
export function isWorkingDay(date: string, calendar: WorkCalendar = {}): boolean {
  if (calendar.workingWeekends?.includes(date)) return true;
  if (calendar.daysOff?.includes(date)) return false;
  const day = dayNumber(date);
  if (isWeekend(day)) return false;
  return !codeDaysOffCached(+date.slice(0, 4)).has(day);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function calendarDaysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/**
 * Working days after `from` up to and including `to` (0 when `to` is not later). Counted day by day: the spans
 * judged are days or weeks, and a bound of ten years keeps a mistaken date from counting for long.
 */
export function workingDaysBetween(from: string, to: string, calendar: WorkCalendar = {}): number {
  const start = dayNumber(from);
  const end = Math.min(dayNumber(to), start + 3660);
  let count = 0;
  for (let day = start + 1; day <= end; day += 1) if (isWorkingDay(dateOf(day), calendar)) count += 1;
  return count;
}

/** Days between two dates in a limit's unit. */
export function daysBetween(from: string, to: string, unit: DayUnit, calendar: WorkCalendar = {}): number {
  return unit === 'working' ? workingDaysBetween(from, to, calendar) : calendarDaysBetween(from, to);
}

/**
 * A step judged: `inTime` / `late` when it happened (within the limit or after it), `waiting` / `overdue` when it
 * has not happened yet (today still within the limit, or past it).
 */
export type TimelinessStatus = 'inTime' | 'late' | 'waiting' | 'overdue';

export interface Timeliness {
  step: OncoStep;
  from: string;
  to: string | null;
  /** Days from `from` to `to` (or to today when the step has not happened), in the limit's unit. */
  days: number;
  limit: number;
  unit: DayUnit;
  status: TimelinessStatus;
}

export const timelinessStatusNames: Record<TimelinessStatus, string> = {
  inTime: 'В срок',
  late: 'С нарушением срока',
  waiting: 'Ожидается, срок не истёк',
  overdue: 'Не выполнено, срок истёк',
};

/** Judges one step: from its start to its end (or to today), against the step's limit. */
export function judgeStep(
  step: OncoStep,
  from: string,
  to: string | null,
  today: string,
  calendar: WorkCalendar = {},
): Timeliness {
  const limit = oncoTimeLimits[step];
  const end = to ?? today;
  const days = daysBetween(from, end, limit.unit, calendar);
  const within = days <= limit.days;
  const status: TimelinessStatus =
    to === null ? (within ? 'waiting' : 'overdue') : within ? 'inTime' : 'late';
  return { step, from, to, days, limit: limit.days, unit: limit.unit, status };
}

/** The later of two `YYYY-MM-DD` dates (text: no Math.max). */
function laterOf(a: string, b: string): string {
  return a >= b ? a : b;
}

/** The register's dates of a person (registry.onco_person). */
export interface OncoPersonDates {
  suspicionDate: string | null;
  diagnosisDate: string | null;
  treatmentDate: string | null;
}

export interface PersonTimeliness {
  /** Suspicion → diagnosis; null without a suspicion, or when the diagnosis came first (known before). */
  suspicionToDiagnosis: Timeliness | null;
  /** Diagnosis → treatment start; null without a diagnosis. */
  diagnosisToTreatment: Timeliness | null;
}

/**
 * The two spans the list shows per person. A diagnosis set before the suspicion (a known patient suspected of a
 * relapse) has no suspicion-to-diagnosis span; a treatment dated before the diagnosis counts as started on time.
 */
export function personTimeliness(
  dates: OncoPersonDates,
  today: string,
  calendar: WorkCalendar = {},
): PersonTimeliness {
  const { suspicionDate, diagnosisDate, treatmentDate } = dates;
  const suspicionToDiagnosis =
    suspicionDate !== null && (diagnosisDate === null || diagnosisDate >= suspicionDate)
      ? judgeStep('suspicionToDiagnosis', suspicionDate, diagnosisDate, today, calendar)
      : null;
  const diagnosisToTreatment =
    diagnosisDate !== null
      ? judgeStep(
          'diagnosisToTreatment',
          diagnosisDate,
          treatmentDate === null ? null : laterOf(treatmentDate, diagnosisDate),
          today,
          calendar,
        )
      : null;
  return { suspicionToDiagnosis, diagnosisToTreatment };
}

/** A referral at suspicion (NAPR) and what may answer it. */
export interface ReferralFacts {
  date: string;
  /** NAPR_V (V028): 1 to an oncologist, 2 biopsy, 3 further examination, 4 tactics. */
  kind: number;
}

/** The later events of the person's path a referral is answered by. */
export interface PathEvents {
  /** First days of the person's cases of the «онкология» profiles. */
  oncologyVisits: readonly string[];
  /** Days the material was taken (B_DIAG/DIAG_DATE). */
  diagnosticDates: readonly string[];
}

/** The earliest of `dates` on or after `from`. */
export function firstOnOrAfter(dates: readonly string[], from: string): string | null {
  let first: string | null = null;
  for (const d of dates) if (d >= from && (first === null || d < first)) first = d;
  return first;
}

/**
 * A referral judged: to an oncologist (V028 1) by the first oncology visit on or after it; to a biopsy or an
 * examination (2, 3) by the first material taken on or after it; a referral for tactics (4) is not timed.
 */
export function referralTimeliness(
  referral: ReferralFacts,
  events: PathEvents,
  today: string,
  calendar: WorkCalendar = {},
): Timeliness | null {
  if (referral.kind === 1) {
    const visit = firstOnOrAfter(events.oncologyVisits, referral.date);
    return judgeStep('consultation', referral.date, visit, today, calendar);
  }
  if (referral.kind === 2 || referral.kind === 3) {
    const taken = firstOnOrAfter(events.diagnosticDates, referral.date);
    return judgeStep('diagnostics', referral.date, taken, today, calendar);
  }
  return null;
}

/** Diagnosis → dispensary observation (the first case with DN 1 or 2 on or after the diagnosis). */
export function dispensaryTimeliness(
  diagnosisDate: string | null,
  dispensaryDates: readonly string[],
  today: string,
  calendar: WorkCalendar = {},
): Timeliness | null {
  if (diagnosisDate === null) return null;
  return judgeStep(
    'dispensary',
    diagnosisDate,
    firstOnOrAfter(dispensaryDates, diagnosisDate),
    today,
    calendar,
  );
}
