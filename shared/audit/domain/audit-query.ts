import * as z from 'zod';
import { isIsoDate, pageNumber, pageSize, queryInt } from '../../platform/flk/edge-types';
import { russianCount } from '../../platform/formats/russian-count';
import { AuditFilter } from './audit-filter';
import { auditMaxPageSize, auditPageWindow, decodeAuditCursor } from './audit-paging';

const maxBigint = 9_223_372_036_854_775_807n;

const cursor = z
  .string()
  .max(200)
  .optional()
  .transform((text, context) => {
    if (!text) return undefined;
    const decoded = decodeAuditCursor(text);
    // A forged cursor naming no real day (JavaScript rolls `02-31` over) or an id beyond bigint is no cursor.
    if (!decoded || !isIsoDate(decoded.at.slice(0, 10)) || BigInt(decoded.id) > maxBigint) {
      context.addIssue({
        code: 'custom',
        message: 'Неверный курсор: возьмите nextCursor из предыдущего ответа',
      });
      return z.NEVER;
    }
    return decoded;
  });

const paging = {
  page: pageNumber(auditPageWindow),
  pageSize: pageSize(auditMaxPageSize, 50),
  after: cursor,
};

const withinWindow = (query: { page: number; pageSize: number; after?: unknown }) =>
  query.after !== undefined || query.page * query.pageSize <= auditPageWindow + query.pageSize - 1;

const windowMessage = `Постраничный просмотр доступен для первых ${russianCount(auditPageWindow)} записей: сузьте фильтр или продолжайте по курсору after`;

/** `GET /api/v1/audit`: the filters plus page or keyset paging. */
export const AuditSearchQuery = AuditFilter.extend(paging).refine(withinWindow, {
  message: windowMessage,
  path: ['page'],
});
export type AuditSearchQuery = z.infer<typeof AuditSearchQuery>;

/** `GET /api/v1/persons/{id}/access-log`: paging only. */
export const AccessLogQuery = z
  .object(paging)
  .refine(withinWindow, { message: windowMessage, path: ['page'] });

/** The `{id}` of a person route. */
export const PersonIdParameter = queryInt(1, Number.MAX_SAFE_INTEGER);
