import { audit } from '../../platform/access/scoped';
import type { Tx } from '../../platform/db/connection';
import { callerScope } from './caller-side';

/** One survey as the list «Анкетирование» shows it; the respondent only when they gave themselves. */
export interface SurveyView {
  id: string;
  sourceId: string;
  smoCode: string;
  smoName: string | null;
  moCode: string;
  moName: string | null;
  condition: number;
  date: string;
  personId: string | null;
  fio: string | null;
  age: number | null;
  sex: number | null;
  /** Question code → answer on the scale 1–5. */
  answers: Record<string, number>;
}

export interface SurveyQuery {
  from?: string | undefined;
  to?: string | undefined;
  moCode?: string | undefined;
  condition?: number | undefined;
  personId?: string | undefined;
  page: number;
  pageSize: number;
}

/**
 * A page of surveys in the caller's scope, the latest first: the СМО those it recorded, the МО those about its
 * care, the fund all. Audited: the surveys and the respondents who gave themselves.
 */
export async function listSurveys(
  tx: Tx,
  q: SurveyQuery,
): Promise<{ items: SurveyView[]; hasMore: boolean }> {
  const scope = (await callerScope(tx, { smo: tx`s.smo_code`, mo: tx`s.mo_code` })).condition;
  const rows = await tx<SurveyView[]>`
    with s as (
      select * from informing.survey s
      where ${scope}
        and (${q.from ?? null}::date is null or s.survey_date >= ${q.from ?? null}::date)
        and (${q.to ?? null}::date is null or s.survey_date <= ${q.to ?? null}::date)
        and (${q.moCode ?? null}::text is null or s.mo_code = ${q.moCode ?? null})
        and (${q.condition ?? null}::int is null or s.condition = ${q.condition ?? null}::int)
        and (${q.personId ?? null}::bigint is null or s.person_id = ${q.personId ?? null}::bigint)
      order by s.survey_date desc, s.id desc
      limit ${q.pageSize + 1} offset ${(q.page - 1) * q.pageSize})
    select s.id::text, s.source_id as "sourceId", s.smo_code as "smoCode", smo.short_name as "smoName",
           s.mo_code as "moCode", mo.short_name as "moName", s.condition, s.survey_date::text as date,
           s.person_id::text as "personId",
           case when p.id is null then null else concat_ws(' ', p.fam, p.im, p.ot) end as fio,
           s.age, s.sex, s.answers
    from s
    left join person.person p on p.id = s.person_id
    left join org.organisation smo on smo.code = s.smo_code
    left join org.organisation mo on mo.code = s.mo_code
    order by s.survey_date desc, s.id desc`;
  const items = rows.slice(0, q.pageSize);
  if (items.length > 0) {
    await audit(tx, 'read', 'informing.survey', {
      records: items.map((i) => i.id),
      persons: items.flatMap((i) => (i.personId ? [i.personId] : [])),
    });
  }
  return { items, hasMore: rows.length > q.pageSize };
}
