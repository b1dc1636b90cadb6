import { Refusal } from '../../../shared/platform/flk/refusal';
import { PeopleDirectoryError } from '../../../shared/platform/ports/people-directory';
import { problems } from '../../lib/problem';

export const conflict = (detail: string) => new Refusal('conflict', '905', detail, [], 'Конфликт');

/** Maps a people-directory refusal (Cognito or local) to a problem; other errors pass through unchanged. */
export function directoryProblem(error: unknown): unknown {
  if (!(error instanceof PeopleDirectoryError)) return error;
  switch (error.code) {
    case 'exists':
      return conflict(error.message);
    case 'not-found':
      return problems.notFound(error.message);
    case 'invalid-password':
      return problems.invalid([{ code: '904', field: 'password', message: error.message }]);
    case 'unavailable':
      return new Refusal('unavailable', 'UNAVAILABLE', error.message, [], 'Сервис временно недоступен');
  }
}

/**
 * Maps what the database refuses while writing accounts to problems: a name taken in between (unique), a row
 * outside the caller's scope (row-level security), a role of another organisation kind (trigger).
 */
export function accountWriteProblem(error: unknown): unknown {
  const mapped = directoryProblem(error);
  if (mapped !== error) return mapped;
  const code = (error as { code?: string } | null)?.code;
  if (code === '23505') return conflict('Учётная запись с таким именем уже существует.');
  if (code === '42501') return problems.forbidden('Эта учётная запись вне вашей организации.');
  if (code === '23514') {
    return problems.forbidden('Роль не соответствует виду организации учётной записи.');
  }
  return error;
}
