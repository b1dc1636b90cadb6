import * as z from 'zod';

/**
 * The top-level fields of an object record that pass their own schema — what a record that failed its schema
 * still says reliably, for the checks that need only those fields. Null when the schema is not an object schema
 * or the record is not an object.
 */
export function validFields(schema: z.ZodType, raw: unknown): Record<string, unknown> | null {
  if (!(schema instanceof z.ZodObject) || !raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const fields: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const parsed = field.safeParse((raw as Record<string, unknown>)[key]);
    if (parsed.success && parsed.data !== undefined) fields[key] = parsed.data;
  }
  return fields;
}
