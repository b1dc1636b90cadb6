import * as z from 'zod';
import { roleSchema } from '../../platform/access/role-schema';
import { isoDateOrDateTime, queryInt } from '../../platform/flk/edge-types';
import { auditActions, auditChannels } from './audit-vocabulary';

/**
 * Bare dates of the audit filters are days of the region's clock: the demo region and the ТФОМС work in Moscow
 * time. A `from` day starts at its midnight, a `to` day includes the whole day.
 */
export const auditDayTimeZone = 'Europe/Moscow';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

const emptyToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const optionalText = (max: number) =>
  z.preprocess(emptyToUndefined, z.string().trim().min(1).max(max).optional());

/** A date (`YYYY-MM-DD`, a day of the region) or a date-time with an offset (ISO 8601): real and in range. */
const moment = z.preprocess(emptyToUndefined, isoDateOrDateTime.optional());

/** Filters of the audit log search and export (query-string parameters). */
export const AuditFilter = z.object({
  from: moment,
  to: moment,
  username: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9_.-]{1,64}$/)
      .optional(),
  ),
  orgCode: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .regex(/^\d{2,6}$/)
      .optional(),
  ),
  role: z.preprocess(emptyToUndefined, roleSchema.optional()),
  channel: z.preprocess(emptyToUndefined, z.enum(auditChannels).optional()),
  action: z.preprocess(emptyToUndefined, z.enum(auditActions).optional()),
  entity: optionalText(100),
  personId: z.preprocess(emptyToUndefined, queryInt(1, Number.MAX_SAFE_INTEGER).optional()),
  recordId: optionalText(200),
  requestId: optionalText(200),
});
export type AuditFilter = z.infer<typeof AuditFilter>;

/** True when `value` is a bare day rather than a moment. */
export function isAuditDay(value: string): boolean {
  return isoDate.test(value);
}

/** The filter as the export's audit entry keeps it: codes only, never a person (their id goes to person_ids). */
export function describeFilterForAudit(filter: AuditFilter): Record<string, string> {
  const { personId: _person, ...rest } = filter;
  return Object.fromEntries(
    Object.entries(rest).flatMap(([name, value]) => (value === undefined ? [] : [[name, String(value)]])),
  );
}

/** `audit-<from>-<to>.csv`: the days of the period (`начало`/today when open). */
export function auditExportFileName(filter: AuditFilter, today: string): string {
  const day = (value: string | undefined, fallback: string) => (value ? value.slice(0, 10) : fallback);
  return `audit-${day(filter.from, 'all')}-${day(filter.to, today)}.csv`;
}
