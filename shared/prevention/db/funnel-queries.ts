import type { Tx } from '../../platform/db/connection';
import type { PreventionKind } from '../domain/exam-steps';
import { type PlanEntryView, planEntryPage } from './plan-queries';

export interface FunnelQuery {
  year: number;
  kind: PreventionKind;
  moCode?: string | undefined;
  districtCode?: string | undefined;
}

/** The funnel of a year's plan: how many planned persons reached each stage (each count includes the later). */
export interface Funnel {
  planned: number;
  started: number;
  finishedStage1: number;
  sentToStage2: number;
  finishedStage2: number;
  refused: number;
}

/** The caller's side of the plan's scope, stated as a column comparison the indexes serve (row-level security
 * still applies): the МО's own entries, the СМО's insured persons', everything for the fund. */
async function callerSide(tx: Tx): Promise<{ kind: string; code: string }> {
  const [row] = await tx<{ kind: string; code: string }[]>`
    select coalesce(app.org_kind(), '') as kind, coalesce(app.org_code(), '') as code`;
  return row!;
}

/**
 * The prevention funnel of the plan entries the caller may read (the МО its own, the СМО its insured, the fund
 * all), by МО and district: counts only, no personal data. Read from `prevention.funnel_count` (migration 047),
 * which the plan entries' writes keep, so the region's funnel sums a few thousand counters, not a million
 * entries. Ranks as `examSteps` gives them (1 started, 2 finished stage 1, 3 sent to stage 2, 5 finished stage 2,
 * 9 refused; 0 not started).
 */
export async function preventionFunnel(tx: Tx, q: FunnelQuery): Promise<Funnel> {
  const side = await callerSide(tx);
  const [row] = await tx<Funnel[]>`
    select coalesce(sum(n), 0)::int as planned,
           coalesce(sum(n) filter (where rank between 1 and 8), 0)::int as started,
           coalesce(sum(n) filter (where rank between 2 and 8), 0)::int as "finishedStage1",
           coalesce(sum(n) filter (where rank between 3 and 8), 0)::int as "sentToStage2",
           coalesce(sum(n) filter (where rank between 5 and 8), 0)::int as "finishedStage2",
           coalesce(sum(n) filter (where rank = 9), 0)::int as refused
    from prevention.funnel_count
    where year = ${q.year} and kind = ${q.kind}
      and (${side.kind} <> 'MO' or mo_code = ${side.code})
      and (${side.kind} <> 'SMO' or smo_code = ${side.code})
      and (${q.moCode ?? null}::text is null or mo_code = ${q.moCode ?? null})
      and (${q.districtCode ?? null}::text is null or district_code = ${q.districtCode ?? null})`;
  return row!;
}

/**
 * The due list: persons planned for `month` (`YYYY-MM`: the month itself or its quarter) who have not started,
 * within the caller's scope (the МО's worklist; the СМО's insured to inform), a page at a time. Audited.
 */
export async function dueList(
  tx: Tx,
  q: { month: string; kind?: PreventionKind | undefined; page: number; pageSize: number },
): Promise<{ items: PlanEntryView[]; hasMore: boolean }> {
  const year = Number(q.month.slice(0, 4));
  const month = Number(q.month.slice(5, 7));
  const side = await callerSide(tx);
  // The МО's list by district and name, the СМО's by name: each the order of its partial index (migration 047),
  // so a page reads about twelve entries a row (the month's share), never the whole month's.
  const [scope, order] =
    side.kind === 'MO'
      ? [tx`e.mo_code = ${side.code}`, tx`e.district_code, e.sort_name, e.id`]
      : side.kind === 'SMO'
        ? [tx`e.smo_code = ${side.code}`, tx`e.sort_name, e.id`]
        : [tx`true`, tx`e.mo_code, e.district_code, e.sort_name, e.id`];
  return planEntryPage(
    tx,
    tx`${scope} and e.year = ${year} and not e.withdrawn and e.furthest_step is null
      and (${month}::smallint = any(e.months) or e.quarter = (${month}::int + 2) / 3)
      and (${q.kind ?? null}::text is null or e.kind = ${q.kind ?? null})`,
    q,
    order,
  );
}
