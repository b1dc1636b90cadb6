import * as z from 'zod';

/** Query-string pieces every area's routes use (an empty value means "no filter"). */
export const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' || v === undefined ? undefined : v), schema.optional());

export const flagParam = optional(z.enum(['true', 'false']).transform((v) => v === 'true'));

/** A record or person id (bigint as text). */
export const idParam = optional(z.string().regex(/^\d{1,18}$/, 'Идентификатор из цифр'));
