import { type FlkIssue, flkError } from '../flk/issue';
import { Refusal } from '../flk/refusal';

/**
 * Every database error in one place (issue 9): what a request that failed on it answers.
 *
 * - `unavailable`: the database cannot be reached or is going away — refused or reset connections, time-outs,
 *   admin/crash shutdown and «cannot connect now» (57P01–57P03), connection exceptions (class 08), too many
 *   connections, serialization failures and deadlocks, a cancelled statement, and postgres.js's own connection
 *   errors. Nothing was stored; the caller repeats later: REST 503 problem+json and SOAP `soap:Server` Fault
 *   (HTTP 503), both with `Retry-After`; the queue consumer retries the message.
 * - `invalid` (F012 904) and `conflict` (905): caller data that slipped past validation and was refused by a
 *   column type or a constraint — too long, out of range, a bad date, not a number, a missing required value, a
 *   reference to nothing, a check, a unique key not handled where the write is. A Russian message that says what
 *   is wrong; never the constraint, table or column names, nor the value (it may be personal data).
 * - anything else is a fault of ours (`null`): the caller gets a 500 without details, the log the error class and
 *   SQLSTATE only.
 */
export type DbErrorClass =
  | { kind: 'unavailable' }
  | { kind: 'invalid' | 'conflict'; code: '904' | '905'; rule: string; message: string };

/** How long a caller is told to wait before repeating a request refused as unavailable (`Retry-After`, s). */
export const retryAfterSeconds = 5;

export const unavailableMessage = 'База данных временно недоступна: повторите запрос через несколько секунд.';

/** Error codes of Node sockets and of postgres.js's pool (`Errors.connection`) that mean «no connection». */
const connectionCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  /** Raised by shared/platform/db/connection.ts when a transaction waited too long for a connection. */
  'CONNECTION_WAIT_TIMEOUT',
]);

/** SQLSTATEs of a database that is unreachable, going away or asks to be retried. */
const transientStates = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down, recovery)
  '57P05', // idle_session_timeout
  '57014', // query_canceled (statement timeout)
  '53300', // too_many_connections
  '40001', // serialization_failure
  '40P01', // deadlock_detected
]);

const dataErrors: Record<string, Omit<Extract<DbErrorClass, { code: string }>, 'kind'>> = {
  '22001': { code: '904', rule: 'DB.LENGTH', message: 'Значение поля длиннее допустимого.' },
  '22003': {
    code: '904',
    rule: 'DB.RANGE',
    message: 'Числовое значение вне допустимого диапазона.',
  },
  '22007': { code: '904', rule: 'DB.DATE', message: 'Недопустимое значение даты или времени.' },
  '22008': { code: '904', rule: 'DB.DATE', message: 'Недопустимое значение даты или времени.' },
  '22P02': {
    code: '904',
    rule: 'DB.FORMAT',
    message: 'Значение поля имеет недопустимый формат.',
  },
  '22021': {
    code: '904',
    rule: 'DB.FORMAT',
    message: 'Значение поля содержит недопустимые символы.',
  },
  '22P05': {
    code: '904',
    rule: 'DB.FORMAT',
    message: 'Значение поля содержит недопустимые символы.',
  },
  '23502': { code: '904', rule: 'DB.REQUIRED', message: 'Не заполнено обязательное значение.' },
  '23503': {
    code: '904',
    rule: 'DB.REFERENCE',
    message: 'Указана ссылка на сведения, которых нет в системе.',
  },
  '23514': {
    code: '904',
    rule: 'DB.CHECK',
    message: 'Значение не соответствует условиям допустимости.',
  },
  '23505': {
    code: '905',
    rule: 'DB.DUPLICATE',
    message: 'Такие сведения уже зарегистрированы: повтор не принят.',
  },
};

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The error and what it wraps (`cause`, an AggregateError's errors: Node's multi-address connect). */
function* chain(error: unknown, depth = 0): Generator<unknown> {
  if (!error || typeof error !== 'object' || depth > 4) return;
  yield error;
  const { cause, errors } = error as { cause?: unknown; errors?: unknown };
  if (cause) yield* chain(cause, depth + 1);
  if (Array.isArray(errors)) for (const e of errors) yield* chain(e, depth + 1);
}

/** Is this a database connection failure or a transient state worth retrying (see `DbErrorClass`)? */
export function isUnavailable(error: unknown): boolean {
  for (const e of chain(error)) {
    const code = codeOf(e);
    if (!code) continue;
    if (connectionCodes.has(code) || transientStates.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  return false;
}

/** Classifies a database error; `null` for anything that is not one of the known classes. */
export function classifyDbError(error: unknown): DbErrorClass | null {
  if (isUnavailable(error)) return { kind: 'unavailable' };
  const code = codeOf(error);
  const data = code && (error as { name?: unknown }).name === 'PostgresError' ? dataErrors[code] : undefined;
  if (!data) return null;
  return { kind: data.code === '905' ? 'conflict' : 'invalid', ...data };
}

/** The FLK issue of a caller data error (for a record's protocol), or `null`. */
export function dbIssue(error: unknown): FlkIssue | null {
  const c = classifyDbError(error);
  return c && c.kind !== 'unavailable' ? flkError(c.rule, c.code, c.message) : null;
}

/** The FLK issue of a unique key taken by other sent data (23505), however the write found it taken. */
export function duplicateIssue(): FlkIssue {
  const d = dataErrors['23505']!;
  return flkError(d.rule, d.code, d.message);
}

/** The refusal a request that failed on this error answers, or `null` when it is our fault (500). */
export function dbRefusal(error: unknown): Refusal | null {
  const c = classifyDbError(error);
  if (!c) return null;
  if (c.kind === 'unavailable') return Refusal.unavailable(unavailableMessage);
  const issues = [flkError(c.rule, c.code, c.message)];
  return c.kind === 'conflict'
    ? Refusal.conflict(c.message, issues)
    : Refusal.invalid(issues, `Запрос не прошёл форматно-логический контроль: ${lower(c.message)}`);
}

function lower(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
