import type postgres from 'postgres';
import type { Tx } from '../../platform/db/connection';

type Fragment = postgres.PendingQuery<postgres.Row[]>;

/**
 * The caller's side of the informing scope as a column comparison (row-level security enforces it anyway, the
 * comparison lets the planner walk the side's index): the СМО its own rows, the МО those it sent or that are about
 * it, the fund all. Answered in an object: a fragment is a thenable, which an async function's return would run as
 * a statement of its own.
 */
export async function callerScope(
  tx: Tx,
  columns: { smo: Fragment; mo: Fragment },
): Promise<{ condition: Fragment }> {
  const [side] = await tx<{ kind: string; code: string }[]>`
    select coalesce(app.org_kind(), '') as kind, coalesce(app.org_code(), '') as code`;
  const condition =
    side!.kind === 'SMO'
      ? tx`${columns.smo} = ${side!.code}`
      : side!.kind === 'MO'
        ? tx`${columns.mo} = ${side!.code}`
        : tx`true`;
  return { condition };
}
