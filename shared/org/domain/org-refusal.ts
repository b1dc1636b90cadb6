import type { FlkIssue } from '../../platform/flk/issue';
import { Refusal } from '../../platform/flk/refusal';

/**
 * A change of the organisation directory is refused with the platform's `Refusal`, thrown inside the
 * transaction so nothing of the change is stored: FLK errors (invalid), an unknown record (not found), or a
 * duplicate key (conflict, built here).
 */
export function orgDuplicate(issues: readonly FlkIssue[]): Refusal {
  return Refusal.conflict(
    'Запись с таким ключом уже есть в реестре организаций.',
    issues,
    'Запись уже существует',
  );
}
