import { ApiError, describeError } from '../../api/api-error';

/** What a refused hospitalisation form shows: the form-level text and the FLK message per field. */
export interface FormFailure {
  message: string;
  fields: Record<string, string>;
}

export function formFailure(error: unknown): FormFailure {
  const fields: Record<string, string> = {};
  if (error instanceof ApiError) {
    for (const entry of error.problem?.errors ?? []) {
      // FLK fields may be paths (`patient.enp`, `records.0.freeTotal`): the last part names the input.
      const key = entry.field?.split('.').pop();
      if (key && !fields[key]) fields[key] = entry.message;
    }
    if (error.status === 403) {
      return { fields, message: error.problem?.detail ?? 'Недостаточно прав для этого действия.' };
    }
  }
  return { fields, message: describeError(error) };
}

/** Text input → number for the API; empty text → NaN, which the server refuses with a field message. */
export function toNumber(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

/** Empty text → undefined (optional fields are left out of the JSON). */
export function optional(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}
