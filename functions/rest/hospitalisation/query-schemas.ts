import { z } from 'zod';

/** Query-string pieces shared by the hospitalisation routes (empty values mean "no filter"). */
export const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' || v === undefined ? undefined : v), schema.optional());

export const isoDateParam = optional(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Дата в формате ГГГГ-ММ-ДД'));
export const intParam = optional(z.coerce.number().int());
export const codeParam = (digits: number) => optional(z.string().regex(new RegExp(`^\\d{${digits}}$`)));
export const idParam = optional(z.string().regex(/^\d{1,18}$/));
export const pageParams = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
};
