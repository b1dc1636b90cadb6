import * as z from 'zod';
import { type IsoDateProblem, isoDateProblem, isoDateRange } from '../formats/iso-date';
import { clip } from './issue';

// The date rules themselves (also the file readers'), for domain code that may not import formats/.
export {
  type IsoDateProblem,
  isIsoDate,
  isoDateProblem,
  isoDateRange,
  ruDateAsIso,
} from '../formats/iso-date';

/**
 * Types at the edge: the one date type and the one bounded-integer type every zod schema, query parser, SOAP
 * mapping and file reader uses, so that what the database cannot hold (`2026-02-31`, `0000-00-00`, a count of
 * 2147483648, a page of twenty digits) is the caller's mistake — an FLK issue with its F012 code, a Russian
 * message and the sender's value — and never a database error, a 500, or a date silently rolled over.
 *
 * Every failure is a zod `custom` issue whose `params` carry the F012 code and the value (`EdgeIssueParams`):
 * zod drops `input` from finished issues, so `schemaIssues` reads them from there.
 */

/** F012 codes of schema violations: 902 missing, 903 wrong type or format, 904 wrong value. */
export type SchemaIssueCode = '902' | '903' | '904';

/** What an edge type's issue carries for `schemaIssues`. */
export interface EdgeIssueParams {
  flkCode: SchemaIssueCode;
  value?: string;
}

export interface EdgeProblem {
  code: SchemaIssueCode;
  message: string;
}

type Checked<T> = { ok: true; value: T } | { ok: false; problem: EdgeProblem };

const accept = <T>(value: T): Checked<T> => ({ ok: true, value });
const refuse = <T>(code: SchemaIssueCode, message: string): Checked<T> => ({
  ok: false,
  problem: { code, message },
});

const missingMessage = 'Отсутствует обязательное поле';

/** The sender's value as a protocol shows it: short, and integers written out in full (never `1e+21`). */
function shown(value: unknown): string | undefined {
  if (value === undefined || value === null || typeof value === 'object') return undefined;
  if (typeof value === 'number' && Number.isInteger(value)) {
    return clip(BigInt(value).toString());
  }
  return clip(String(value));
}

/**
 * A zod type from a check that either accepts the input (possibly converted) or names one problem. Absent input
 * is a 902 unless the type is wrapped in `.optional()`, `.nullable()` or `.default()`.
 */
function edgeType<T>(check: (value: unknown) => Checked<T>) {
  return z.custom<T>().transform((value, ctx) => {
    const result: Checked<T> =
      value === undefined || value === null ? refuse('902', missingMessage) : check(value);
    if (result.ok) return result.value;
    const params: EdgeIssueParams = { flkCode: result.problem.code };
    const text = shown(value);
    if (text !== undefined) params.value = text;
    ctx.addIssue({ code: 'custom', message: result.problem.message, params, input: value });
    return z.NEVER;
  });
}

// ─── dates ──────────────────────────────────────────────────────────────────────────────────────────────────

const dateFormatMessage = 'Дата в формате ГГГГ-ММ-ДД';
const rangeText = `от ${isoDateRange.min} до ${isoDateRange.max}`;

/** The F012 code of a date problem: not a date at all (903), or a date outside the range (904). */
export const dateProblemCode: Record<IsoDateProblem, '903' | '904'> = {
  format: '903',
  calendar: '903',
  range: '904',
};

/** The Russian sentence for a date problem (`value` as sent). */
export function dateProblemMessage(problem: IsoDateProblem, value: string): string {
  switch (problem) {
    case 'format':
      return dateFormatMessage;
    case 'calendar':
      return `Такой даты нет в календаре: ${clip(value)}`;
    case 'range':
      return `Дата вне допустимого диапазона: ${rangeText}`;
  }
}

/** Why a date text is not acceptable, as an FLK problem; null when it is a real day within the range. */
export function dateProblem(value: string): EdgeProblem | null {
  const problem = isoDateProblem(value);
  return problem ? { code: dateProblemCode[problem], message: dateProblemMessage(problem, value) } : null;
}

function checkDate(value: unknown): Checked<string> {
  if (typeof value !== 'string') return refuse('903', dateFormatMessage);
  const problem = dateProblem(value);
  return problem ? { ok: false, problem } : accept(value);
}

/** `YYYY-MM-DD`: a real calendar day from 1900-01-01 to 2999-12-31 (`isoDateRange`). */
export const isoDate = edgeType(checkDate);

const dateTimeShape =
  /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;
const dateTimeMessage = 'Дата и время в формате ГГГГ-ММ-ДДTЧЧ:ММ:СС с часовым поясом (Z или ±ЧЧ:ММ)';

function checkDateTime(value: unknown): Checked<string> {
  if (typeof value !== 'string') return refuse('903', dateTimeMessage);
  const m = dateTimeShape.exec(value);
  if (!m) return refuse('903', dateTimeMessage);
  const day = dateProblem(m[1]!);
  if (day) return { ok: false, problem: day };
  const [hour, minute, second, offsetHours, offsetMinutes] = [m[2], m[3], m[4], m[6], m[7]].map((p) =>
    Number(p ?? 0),
  ) as [number, number, number, number, number];
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 14 || offsetMinutes > 59) {
    return refuse('903', `Такого времени нет: ${clip(value)}`);
  }
  return accept(value);
}

/** ISO 8601 date-time with a time zone (`2026-02-03T10:00:00Z`, `…+03:00`): a real day and time in the range. */
export const isoDateTime = edgeType(checkDateTime);

/** A day (`YYYY-MM-DD`) or a moment (`isoDateTime`), as the bounds of a period filter. */
export const isoDateOrDateTime = edgeType((value) =>
  typeof value === 'string' && value.length > 10 ? checkDateTime(value) : checkDate(value),
);

// ─── integers ───────────────────────────────────────────────────────────────────────────────────────────────

/** PostgreSQL `smallint`. */
export const int16Range = { min: -32_768, max: 32_767 } as const;
/** PostgreSQL `integer`. */
export const int32Range = { min: -2_147_483_648, max: 2_147_483_647 } as const;

const integerMessage = 'Ожидается целое число';

function rangeMessage(min: number, max: number): string {
  return `Число вне допустимого диапазона: от ${min} до ${max}`;
}

function checkRange(value: number, min: number, max: number): Checked<number> {
  return value < min || value > max ? refuse('904', rangeMessage(min, max)) : accept(value);
}

/**
 * An integer from `min` to `max` as JSON or a canonical record holds it (a number: no fraction, no text).
 * Bound it by its column: `int16Range` for `smallint`, `int32Range` for `integer`.
 */
export function boundedInt(min: number, max: number) {
  return edgeType((value) =>
    typeof value === 'number' && Number.isInteger(value)
      ? checkRange(value, min, max)
      : refuse<number>('903', integerMessage),
  );
}

/** A PostgreSQL `smallint` value. */
export const int16 = boundedInt(int16Range.min, int16Range.max);
/** A PostgreSQL `integer` value. */
export const int32 = boundedInt(int32Range.min, int32Range.max);

const integerText = /^[+-]?\d+$/;

/**
 * An integer written as text (SOAP `xs:int`, a file field) as a number: an optional sign and decimal digits
 * only — no fraction, exponent, hexadecimal or trailing letters (`12abc` is not 12). Anything else is returned
 * unchanged, for the schema to name with the sender's value; numbers pass through.
 */
export function integerFromText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  return integerText.test(text) ? Number(text) : value;
}

/**
 * Why an integer written as text (a query parameter, a SOAP request element) is not one from `min` to `max`,
 * or null when it is: decimal digits only (an optional minus) — never a fraction, exponent, spaces or a number
 * of twenty digits that would overflow the column. Numbers are judged as they are.
 */
export function integerProblem(value: unknown, min: number, max: number): EdgeProblem | null {
  const checked = checkIntegerText(value, min, max);
  return checked.ok ? null : checked.problem;
}

function checkIntegerText(value: unknown, min: number, max: number): Checked<number> {
  if (typeof value === 'number') {
    return Number.isInteger(value) ? checkRange(value, min, max) : refuse('903', integerMessage);
  }
  if (typeof value !== 'string' || !/^-?\d+$/.test(value)) return refuse('903', integerMessage);
  return checkRange(Number(value), min, max);
}

/** A query-string integer from `min` to `max` (`integerProblem` says what is refused), as a number. */
export function queryInt(min: number, max: number) {
  return edgeType((value) => checkIntegerText(value, min, max));
}

/** Largest page number of the paged lists. */
export const maxPageNumber = 100_000;

/** `?page=`: 1 … `max`, 1 when absent. */
export function pageNumber(max: number = maxPageNumber) {
  return queryInt(1, max).default(1);
}

/** `?pageSize=`: 1 … `max`, `fallback` when absent. */
export function pageSize(max: number, fallback: number) {
  return queryInt(1, max).default(fallback);
}
