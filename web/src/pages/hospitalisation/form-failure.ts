import { ApiError, describeError } from '../../api/api-error';

/**
 * What a refused hospitalisation form shows: a summary sentence, the message for each of its fields (next to the
 * field), and the issues that belong to no field of the form, each in words a registrar understands.
 */
export interface FormFailure {
  message: string;
  fields: Record<string, string>;
}

/** Form fields that the server names by a path of the record: the patient's identifiers are the patient field. */
const fieldAliases: Record<string, string> = { vmp: 'talonNumber' };

/** The form field an FLK issue's field (`patient.enp`, `vmp.talonDate`, `records.0.freeTotal`) belongs to. */
export function formFieldOf(path: string | undefined): string | undefined {
  if (!path) return undefined;
  const parts = path.split('.');
  if (parts[0] === 'patient') return 'patient';
  const last = parts[parts.length - 1]!;
  return fieldAliases[last] ?? last;
}

/** A text as a sentence: trimmed, with its full stop. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** The FLK message in a registrar's words: no codes, no "field", what to do. */
export function plainMessage(issue: { code?: string | undefined; message: string }): string {
  if (issue.code === '902') return 'Заполните это поле.';
  if (issue.code === '903' && /целое число/i.test(issue.message)) {
    return 'Введите код цифрами или выберите его из подсказки.';
  }
  return sentence(issue.message);
}

const errorWord = (n: number) =>
  n % 10 === 1 && n % 100 !== 11
    ? 'ошибка'
    : [2, 3, 4].includes(n % 10) && ![12, 13, 14].includes(n % 100)
      ? 'ошибки'
      : 'ошибок';

/**
 * A refused form: every FLK issue of the server's answer on its form field (`labels` names the fields the form
 * has; an issue on any other field goes into the summary with its message), a summary that counts them.
 */
export function formFailure(
  error: unknown,
  labels: Record<string, string> = {},
  what = 'Сведения не сохранены',
): FormFailure {
  const fields: Record<string, string> = {};
  const elsewhere: string[] = [];
  // A form that names no fields shows every message in its summary (and each on its field where it has one).
  const named = Object.keys(labels).length > 0;
  if (error instanceof ApiError) {
    for (const entry of error.problem?.errors ?? []) {
      const key = formFieldOf(entry.field);
      const message = plainMessage(entry);
      const onField = key !== undefined && (!named || labels[key] !== undefined);
      if (onField) fields[key] = fields[key] ? `${fields[key]} ${message}` : message;
      if ((!onField || !named) && !elsewhere.includes(message)) {
        elsewhere.push(onField && key && labels[key] ? `«${labels[key]}»: ${message}` : message);
      }
    }
    if (error.status === 403) {
      return { fields, message: sentence(error.problem?.detail ?? 'Недостаточно прав для этого действия') };
    }
    if (named && Object.keys(fields).length + elsewhere.length > 0) {
      const count = Object.keys(fields).length + elsewhere.length;
      const rest = elsewhere.length > 0 ? ` ${elsewhere.join(' ')}` : '';
      return {
        fields,
        message: `${what}: ${count} ${errorWord(count)}, исправьте отмеченные поля.${rest}`,
      };
    }
    if (elsewhere.length > 0) return { fields, message: `${what}. ${elsewhere.join(' ')}` };
  }
  return { fields, message: describeError(error) };
}

/**
 * Text input → a number for the API. Text that is not an integer is sent as typed, so the server's FLK names a
 * format error on that field (not a missing one); empty text is left out (the server says it is required).
 */
export function toNumber(text: string): number {
  const trimmed = text.trim();
  if (trimmed === '') return undefined as unknown as number;
  return /^[+-]?\d+$/.test(trimmed) ? Number(trimmed) : (trimmed as unknown as number);
}

/** Empty text → undefined (optional fields are left out of the JSON). */
export function optional(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Required text: empty is left out, so the server's FLK reports it as required on its field. */
export const required = (text: string): string => optional(text) as string;
