import * as z from 'zod';

/** Query-string pieces every area's routes use (an empty value means "no filter"). */
export const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' || v === undefined ? undefined : v), schema.optional());

export const flagParam = optional(z.enum(['true', 'false']).transform((v) => v === 'true'));

/** A record or person id (bigint as text). */
export const idParam = optional(z.string().regex(/^\d{1,18}$/, 'Идентификатор из цифр'));

/** A comma-separated list of codes of one code list (`PROCEDURE,CARE_INFO`), each at most once. */
export const codeListParam = <T extends readonly [string, ...string[]]>(codes: T) =>
  optional(
    z
      .string()
      .transform((v) => [...new Set(v.split(',').map((c) => c.trim()))])
      .pipe(z.array(z.enum(codes)).min(1).max(codes.length)),
  );
