import * as z from 'zod';
import {
  int16Range,
  int32Range,
  isoDate,
  pageNumber,
  pageSize,
  queryInt,
} from '../../../shared/platform/flk/edge-types';

/** Query-string pieces shared by the hospitalisation routes (empty values mean "no filter"). */
export const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' || v === undefined ? undefined : v), schema.optional());

export const isoDateParam = optional(isoDate);
/** A code filter (V002, V020, a month …): digits within its `integer` column. */
export const intParam = optional(queryInt(0, int32Range.max));
/** A code filter on a `smallint` column (V006 conditions). */
export const smallIntParam = optional(queryInt(0, int16Range.max));
export const codeParam = (digits: number) => optional(z.string().regex(new RegExp(`^\\d{${digits}}$`)));
export const idParam = optional(z.string().regex(/^\d{1,18}$/));
export const pageParams = {
  page: pageNumber(),
  pageSize: pageSize(200, 25),
};
