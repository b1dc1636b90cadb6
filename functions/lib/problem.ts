import type { FlkIssue } from '../../shared/platform/flk/issue';
import { Refusal, type RefusalReason } from '../../shared/platform/flk/refusal';

/** Shorthands for the refusals REST handlers raise; the REST wrapper maps every `Refusal` in one place. */
export const problems = {
  unauthorized: () => Refusal.unauthenticated(),
  forbidden: (detail?: string) => Refusal.forbidden(detail),
  notFound: (detail: string) => Refusal.notFound(detail),
  /** Issues without a rule id are request-level checks of the handler (rule `REQUEST`, always errors). */
  invalid: (issues: readonly RequestIssue[]) =>
    Refusal.invalid(issues.map((i) => ({ rule: 'REQUEST', severity: 'error', ...i }) as FlkIssue)),
};

export type RequestIssue = Omit<FlkIssue, 'rule' | 'severity' | 'field' | 'value'> &
  Partial<Pick<FlkIssue, 'rule' | 'severity'>> & { field?: string | undefined; value?: string | undefined };

/** HTTP status of a refusal's reason. */
export const refusalStatus: Record<RefusalReason, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  locked: 423,
  precondition_required: 428,
  unavailable: 503,
};

const titles: Record<RefusalReason, string> = {
  invalid: 'Ошибка в запросе',
  unauthenticated: 'Требуется вход в систему',
  forbidden: 'Доступ запрещён',
  not_found: 'Не найдено',
  conflict: 'Конфликт',
  too_large: 'Слишком большой запрос',
  locked: 'Учётная запись временно заблокирована',
  precondition_required: 'Требуется дополнительное действие',
  unavailable: 'Сервис временно недоступен',
};

/** The `application/problem+json` body of a refusal (RFC 9457 members plus the FLK issues and the code). */
export function problemBody(refusal: Refusal, requestId: string) {
  const status = refusalStatus[refusal.reason];
  return {
    type: `urn:omslink:problem:${status}`,
    title: refusal.title ?? titles[refusal.reason],
    status,
    code: refusal.code,
    ...(refusal.detail ? { detail: refusal.detail } : {}),
    ...(refusal.issues.length ? { errors: refusal.issues } : {}),
    requestId,
  };
}
