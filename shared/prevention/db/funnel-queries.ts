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

/**
 * The prevention funnel over the plan entries the caller may read (the МО its own, the СМО its insured, the fund
 * all), by МО and district: counts only, no personal data. Ranks as `examSteps` gives them (1 started, 2 finished
 * stage 1, 3 sent to stage 2, 5 finished stage 2, 9 refused).
 */
export async function preventionFunnel(tx: Tx, q: FunnelQuery): Promise<Funnel> {
  const [row] = await tx<Funnel[]>`
    select count(*)::int as planned,
           (count(*) filter (where furthest_rank between 1 and 8))::int as started,
           (count(*) filter (where furthest_rank between 2 and 8))::int as "finishedStage1",
           (count(*) filter (where furthest_rank between 3 and 8))::int as "sentToStage2",
           (count(*) filter (where furthest_rank between 5 and 8))::int as "finishedStage2",
           (count(*) filter (where furthest_rank = 9))::int as refused
    from prevention.plan_entry
    where year = ${q.year} and kind = ${q.kind} and not withdrawn
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
  return planEntryPage(
    tx,
    tx`e.year = ${year} and not e.withdrawn and e.furthest_step is null
      and (${month}::smallint = any(e.months) or e.quarter = (${month}::int + 2) / 3)
      and (${q.kind ?? null}::text is null or e.kind = ${q.kind ?? null})`,
    q,
  );
}
