import type { Problem } from './types';

/** A failed API call: the HTTP status and, when the server sent one, its problem document. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;

  constructor(status: number, problem: Problem | null) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

/** The server could not be reached at all. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('Сервер недоступен', { cause });
    this.name = 'NetworkError';
  }
}

/** A Russian sentence for any error of an API call, for the UI. */
export function describeError(error: unknown): string {
  if (error instanceof NetworkError) {
    return 'Сервер недоступен. Проверьте подключение к сети и повторите попытку.';
  }
  if (error instanceof ApiError) {
    const fieldMessages = error.problem?.errors?.map((e) => e.message.trim().replace(/[.;]$/, '')) ?? [];
    const main = error.problem?.detail ?? error.problem?.title;
    // «Ошибка в запросе: первое; второе.» — one sentence, not messages run together.
    if (main && fieldMessages.length > 0) {
      return `${main.trim().replace(/[.:]$/, '')}: ${[...new Set(fieldMessages)].join('; ')}.`;
    }
    if (main) return /[.!?…]$/.test(main.trim()) ? main.trim() : `${main.trim()}.`;
    if (error.status === 403) return 'Недостаточно прав для просмотра этих данных.';
    if (error.status === 404) return 'Данные не найдены.';
    if (error.status >= 500) return 'Ошибка на сервере. Повторите попытку позже.';
    return `Запрос не выполнен (код ${error.status}).`;
  }
  return 'Непредвиденная ошибка. Обновите страницу и повторите попытку.';
}
