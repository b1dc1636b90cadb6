import type { z } from 'zod';
import type { EdgeIssueParams } from './edge-types';
import type { FlkIssue } from './issue';

/** The F012 code and value an edge type (edge-types.ts) put on its issue, when it is one of theirs. */
export function edgeIssueParams(issue: z.core.$ZodIssue): EdgeIssueParams | undefined {
  if (issue.code !== 'custom') return undefined;
  const params = issue.params as Partial<EdgeIssueParams> | undefined;
  return params && typeof params.flkCode === 'string' ? (params as EdgeIssueParams) : undefined;
}

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

/**
 * F012 code of a schema violation: 902 missing, 903 wrong type or format, 904 wrong value. The edge types
 * (dates, bounded integers) name their own code.
 */
export function schemaIssueCode(issue: z.core.$ZodIssue): '902' | '903' | '904' {
  const edge = edgeIssueParams(issue);
  if (edge) return edge.flkCode;
  if (issue.code === 'invalid_type') return issue.input === undefined ? '902' : '903';
  return '904';
}

/** Schema (format) violations of a record as FLK issues: always errors, rule `FORMAT`. */
export function schemaIssues(error: z.ZodError): FlkIssue[] {
  return error.issues.map((issue) => {
    const input = (issue as { input?: unknown }).input;
    const value =
      edgeIssueParams(issue)?.value ??
      (input !== undefined && input !== null && typeof input !== 'object'
        ? String(input).slice(0, 100)
        : undefined);
    return {
      rule: 'FORMAT',
      code: schemaIssueCode(issue),
      severity: 'error' as const,
      field: issue.path.join('.'),
      ...(value !== undefined ? { value } : {}),
      message: russianIssue(issue),
    };
  });
}
