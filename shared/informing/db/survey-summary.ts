import type { Tx } from '../../platform/db/connection';

export interface SurveySummaryRow {
  moCode: string;
  moName: string | null;
  condition: number;
  surveys: number;
  /** Per question: answers (without «затрудняюсь ответить») and the share satisfied or rather satisfied, %. */
  questions: { code: string; answered: number; satisfiedShare: number | null }[];
}

/**
 * The surveys' summary per МО and condition over a period, within the caller's scope (the СМО its surveys, the МО
 * those about it, the fund all): counts and shares only.
 */
export function surveySummary(
  tx: Tx,
  q: { from: string; to: string; condition?: number | undefined; moCode?: string | undefined },
): Promise<SurveySummaryRow[]> {
  return tx<SurveySummaryRow[]>`
    with answers as (
      select s.mo_code, s.condition, s.id, a.key as code, a.value::int as score
      from informing.survey s, jsonb_each_text(s.answers) a
      where s.survey_date between ${q.from}::date and ${q.to}::date
        and (${q.condition ?? null}::int is null or s.condition = ${q.condition ?? null}::int)
        and (${q.moCode ?? null}::text is null or s.mo_code = ${q.moCode ?? null})
    ), per_question as (
      select mo_code, condition, code, (count(*) filter (where score <> 5))::int as answered,
             round(100.0 * count(*) filter (where score in (1, 2)) / nullif(count(*) filter (where score <> 5), 0), 1)::float
               as share
      from answers group by 1, 2, 3
    )
    select q.mo_code as "moCode", o.short_name as "moName", q.condition,
           (select count(distinct id)::int from answers a where a.mo_code = q.mo_code and a.condition = q.condition)
             as surveys,
           json_agg(json_build_object('code', q.code, 'answered', q.answered, 'satisfiedShare', q.share)
                    order by q.code) as questions
    from per_question q left join org.organisation o on o.code = q.mo_code
    group by q.mo_code, o.short_name, q.condition
    order by q.mo_code, q.condition`;
}
