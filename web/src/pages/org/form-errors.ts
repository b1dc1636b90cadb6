import { ApiError, describeError } from '../../api/api-error';

/** Field → Russian message from a refused save (the FLK entries of the problem), and the form-level text. */
export interface SaveFailure {
  fields: Record<string, string>;
  message: string;
}

export function saveFailure(error: unknown): SaveFailure {
  const fields: Record<string, string> = {};
  if (error instanceof ApiError) {
    for (const entry of error.problem?.errors ?? []) {
      if (entry.field && !fields[entry.field]) fields[entry.field] = entry.message;
    }
    if (error.status === 403) return { fields, message: 'Недостаточно прав для изменения организаций.' };
  }
  return { fields, message: describeError(error) };
}

/** Text input → number for the API; empty text → NaN, which the server refuses with a field message. */
export function toNumber(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

/** Empty text → null (optional fields). */
export function orNull(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}
