import { OrgRefusal } from '../../../shared/org/domain/org-refusal';
import type { FlkError } from '../../../shared/org/domain/organisation-flk';
import { ProblemError, problems } from '../../lib/problem';

/** Maps a refusal of the organisation directory to its problem: 400 FLK, 409 duplicate, 404 unknown. */
export function orgProblem(refusal: OrgRefusal): ProblemError {
  if (refusal.reason === 'duplicate') {
    return new ProblemError(
      409,
      'Запись уже существует',
      'Запись с таким ключом уже есть в реестре организаций.',
      refusal.errors,
    );
  }
  if (refusal.reason === 'not_found') return problems.notFound(refusal.detail ?? 'Запись не найдена.');
  return problems.invalid(refusal.errors);
}

/** Runs the work and turns an `OrgRefusal` into its problem (the transaction has rolled back by then). */
export async function refusalsAsProblems<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof OrgRefusal) throw orgProblem(error);
    throw error;
  }
}

/** FLK errors found before touching the database: a 400 problem. */
export function refuseIfAny(errors: readonly FlkError[]): void {
  if (errors.length > 0) throw problems.invalid([...errors]);
}

/** A path parameter, decoded by the router already. */
export function pathParam(
  event: { pathParameters: Record<string, string | undefined> | null },
  name: string,
) {
  return event.pathParameters?.[name] ?? '';
}
