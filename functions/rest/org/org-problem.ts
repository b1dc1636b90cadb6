import type { FlkIssue } from '../../../shared/platform/flk/issue';
import { Refusal } from '../../../shared/platform/flk/refusal';

/** FLK errors found before touching the database: a 400 problem. */
export function refuseIfAny(errors: readonly FlkIssue[]): void {
  if (errors.length > 0) throw Refusal.invalid(errors);
}

/** A path parameter, decoded by the router already. */
export function pathParam(
  event: { pathParameters: Record<string, string | undefined> | null },
  name: string,
) {
  return event.pathParameters?.[name] ?? '';
}
