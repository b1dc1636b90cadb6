import { audit } from '../../platform/access/scoped';
import type { Tx } from '../../platform/db/connection';
import type { InformingReason } from '../domain/codes';
import { callerScope } from './caller-side';

/** One informing result as the journal «Результаты информирования» shows it, with its request and person. */
export interface ResultJournalRow {
  id: string;
  sourceId: string;
  smoCode: string;
  smoName: string | null;
  requestId: string;
  reason: InformingReason;
  requestSender: string;
  requestSenderName: string | null;
  personId: string;
  fio: string;
  birthDate: string;
  enp: string | null;
  date: string;
  method: number;
  step: number;
  outcome: number;
  operator: string | null;
}

export interface ResultJournalQuery {
  from?: string | undefined;
  to?: string | undefined;
  method?: number | undefined;
  outcome?: number | undefined;
  smoCode?: string | undefined;
  personId?: string | undefined;
  page: number;
  pageSize: number;
}

/**
 * A page of informing results in the caller's scope, the latest first: the СМО's own, the МО's of its requests,
 * the fund's all. The side is a column comparison, so the reader's `result_*_date` index gives the order. Audited:
 * the results and persons shown.
 */
export async function listResults(
  tx: Tx,
  q: ResultJournalQuery,
): Promise<{ items: ResultJournalRow[]; hasMore: boolean }> {
  const scope = (await callerScope(tx, { smo: tx`x.smo_code`, mo: tx`x.request_sender` })).condition;
  const rows = await tx<ResultJournalRow[]>`
    with x as (
      select * from informing.result x
      where ${scope}
        and (${q.from ?? null}::date is null or x.result_date >= ${q.from ?? null}::date)
        and (${q.to ?? null}::date is null or x.result_date <= ${q.to ?? null}::date)
        and (${q.method ?? null}::int is null or x.method = ${q.method ?? null}::int)
        and (${q.outcome ?? null}::int is null or x.outcome = ${q.outcome ?? null}::int)
        and (${q.smoCode ?? null}::text is null or x.smo_code = ${q.smoCode ?? null})
        and (${q.personId ?? null}::bigint is null or x.person_id = ${q.personId ?? null}::bigint)
      order by x.result_date desc, x.id desc
      limit ${q.pageSize + 1} offset ${(q.page - 1) * q.pageSize})
    select x.id::text, x.source_id as "sourceId", x.smo_code as "smoCode", smo.short_name as "smoName",
           x.request_id::text as "requestId", r.reason, x.request_sender as "requestSender",
           so.short_name as "requestSenderName", x.person_id::text as "personId",
           concat_ws(' ', p.fam, p.im, p.ot) as fio, p.birth_date::text as "birthDate", p.enp,
           x.result_date::text as date, x.method, x.step, x.outcome, x.operator
    from x
    join informing.request r on r.id = x.request_id
    join person.person p on p.id = x.person_id
    left join org.organisation smo on smo.code = x.smo_code
    left join org.organisation so on so.code = x.request_sender
    order by x.result_date desc, x.id desc`;
  const items = rows.slice(0, q.pageSize);
  if (items.length > 0) {
    await audit(tx, 'read', 'informing.result', {
      records: items.map((i) => i.id),
      persons: items.map((i) => i.personId),
    });
  }
  return { items, hasMore: rows.length > q.pageSize };
}

/** How an СМО informed over a period: results per method and outcome. Counts only. */
export interface ResultSummaryRow {
  smoCode: string;
  smoName: string | null;
  method: number;
  outcome: number;
  results: number;
}

/**
 * The informing results of a period per СМО, method and outcome, within the caller's scope: the fund every СМО and
 * an СМО its own from the counters the results' writes keep (`informing.result_count`, migration 056); an МО the
 * results of its own requests, counted (few rows, by its index). Counts only, so not audited.
 */
export async function resultSummary(tx: Tx, q: { from: string; to: string }): Promise<ResultSummaryRow[]> {
  const [side] = await tx<{ kind: string }[]>`select coalesce(app.org_kind(), '') as kind`;
  const counted =
    side!.kind === 'MO'
      ? tx`
          select x.smo_code, x.method, x.outcome, count(*)::int as results
          from informing.result x
          where x.request_sender = app.org_code() and x.result_date between ${q.from}::date and ${q.to}::date
          group by x.smo_code, x.method, x.outcome`
      : tx`
          select c.smo_code, c.method, c.outcome, sum(c.n)::int as results
          from informing.result_count c
          where c.result_date between ${q.from}::date and ${q.to}::date
            and (app.org_kind() = 'TFOMS' or c.smo_code = app.org_code())
          group by c.smo_code, c.method, c.outcome
          having sum(c.n) > 0`;
  return tx<ResultSummaryRow[]>`
    with counted as (${counted})
    select c.smo_code as "smoCode", o.short_name as "smoName", c.method, c.outcome, c.results
    from counted c
    left join org.organisation o on o.code = c.smo_code
    order by c.smo_code, c.method, c.outcome`;
}
