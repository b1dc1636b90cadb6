import * as z from 'zod';
import { isoDate, pageNumber, pageSize, queryInt } from '../../../shared/platform/flk/edge-types';
import { preventionKinds } from '../../../shared/prevention/domain/exam-steps';

/** Query-string pieces of the prevention routes (empty values mean "no filter"). */
export const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' || v === undefined ? undefined : v), schema.optional());

export const isoDateParam = optional(isoDate);
export const moCodeParam = optional(z.string().regex(/^\d{6}$/, 'Код МО из 6 цифр'));
export const kindParam = optional(z.enum(preventionKinds));
export const flagParam = optional(z.enum(['true', 'false']).transform((v) => v === 'true'));
export const monthParam = z.string().regex(/^20\d\d-(0[1-9]|1[0-2])$/, 'Месяц в формате ГГГГ-ММ');
export const methodParam = optional(queryInt(1, 3));
/** A record or person id (bigint as text). */
export const idParam = optional(z.string().regex(/^\d{1,18}$/, 'Идентификатор из цифр'));
export const pageParams = { page: pageNumber(), pageSize: pageSize(500, 50) };
