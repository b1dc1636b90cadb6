import type { Tx } from '../../platform/db/connection';
import type { PreventionKind } from '../domain/exam-steps';

export interface PlanVolumeView {
  moCode: string;
  year: number;
  month: number;
  kind: PreventionKind;
  quantity: number;
}

/** The plan volumes of a year (no personal data: every МО, СМО and the fund read them), by МО, kind and month. */
export function listPlanVolumes(
  tx: Tx,
  q: { year: number; kind?: PreventionKind | undefined; moCode?: string | undefined },
): Promise<PlanVolumeView[]> {
  return tx<PlanVolumeView[]>`
    select mo_code as "moCode", year, month, kind, quantity from prevention.plan_volume
    where year = ${q.year} and (${q.kind ?? null}::text is null or kind = ${q.kind ?? null})
      and (${q.moCode ?? null}::text is null or mo_code = ${q.moCode ?? null})
    order by mo_code, kind, month`;
}
