import type { z } from 'zod';
import type { FlkIssue } from './issue';

/** A Russian sentence for a schema violation (a schema's own Russian message wins). */
export function russianIssue(issue: z.core.$ZodIssue): string {
  if (/[А-Яа-яЁё]/.test(issue.message)) return issue.message;
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'Отсутствует обязательное поле';
  if (issue.code === 'invalid_type') return 'Неверный тип данных';
  if (issue.code === 'too_big') return 'Значение слишком длинное или велико';
  if (issue.code === 'too_small') return 'Значение слишком короткое или мало';
  if (issue.code === 'invalid_format') return 'Неверный формат значения';
  return 'Неверное значение поля';
}

/** F012 code of a schema violation: 902 missing, 903 wrong type, 904 wrong value. */
export function schemaIssueCode(issue: z.core.$ZodIssue): '902' | '903' | '904' {
  if (issue.code === 'invalid_type') return issue.input === undefined ? '902' : '903';
  return '904';
}

/** Schema (format) violations of a record as FLK issues: always errors, rule `FORMAT`. */
export function schemaIssues(error: z.ZodError): FlkIssue[] {
  return error.issues.map((issue) => {
    const value = (issue as { input?: unknown }).input;
    return {
      rule: 'FORMAT',
      code: schemaIssueCode(issue),
      severity: 'error' as const,
      field: issue.path.join('.'),
      ...(value !== undefined && value !== null && typeof value !== 'object'
        ? { value: String(value).slice(0, 100) }
        : {}),
      message: russianIssue(issue),
    };
  });
}
