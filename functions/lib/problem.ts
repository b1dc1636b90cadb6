/** One FLK-style error entry, the same in REST problems and SOAP protocols. */
export interface FieldError {
  code: string;
  field?: string;
  value?: string;
  message: string;
}

/** An error meant for the caller: mapped to `application/problem+json` with a Russian title/detail. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
  ) {
    super(title);
    this.name = 'ProblemError';
  }
}

export const problems = {
  unauthorized: () =>
    new ProblemError(401, 'Требуется вход в систему', 'Токен отсутствует, истёк или отозван.'),
  forbidden: (detail = 'Недостаточно прав для этого действия.') =>
    new ProblemError(403, 'Доступ запрещён', detail),
  notFound: (detail: string) => new ProblemError(404, 'Не найдено', detail),
  invalid: (errors: FieldError[]) =>
    new ProblemError(400, 'Ошибка в запросе', 'Запрос не прошёл форматно-логический контроль.', errors),
};
