import type { ExchangeContext, KindHandler } from '../../platform/exchange/package-processor';
import { statusAfter } from '../domain/codes';
import { ResultRecord } from '../domain/records';
import { checkResult, type KnownRequest, requestKey } from '../domain/request-rules';

const jsonRows = (rows: readonly Record<string, unknown>[]): string => JSON.stringify(rows);

/**
 * Informing results an СМО sends: each for a request routed to it (found across scopes by
 * `informing.requests_for_results`), written in one statement that also moves the request: closed by outcomes 1, 2
 * and 5 on the result's date, one attempt more by 3 and 4.
 */
export const resultHandler: Omit<
  KindHandler<ExchangeContext, ResultRecord, KnownRequest | null>,
  'permission'
> = {
  schema: ResultRecord,
  // Results of one request are written one after another (the request's status decides the next one's check).
  keys: (r) => [`result:${r.sourceId}`, `request:${requestKey(r)}`],
  async check(ctx, who, records) {
    const ids = records.flatMap((r) => (r.requestId ? [r.requestId] : []));
    const named = records.flatMap((r) => (r.request ? [r.request] : []));
    const [row] = await ctx.tx<
      { today: string; requests: (KnownRequest & { key: string })[]; earlier: [string, string][] }[]
    >`
      select current_date::text as today,
        (select coalesce(json_agg(json_build_object(
                  'key', q.key, 'id', q.id::text, 'smoCode', q.smo_code, 'status', q.status,
                  'requestDate', q.request_date, 'personId', q.person_id::text, 'senderCode', q.sender_code)), '[]')
         from informing.requests_for_results(${ids}::bigint[], ${named.map((n) => n.senderCode)}::text[],
                                             ${named.map((n) => n.sourceId)}::text[]) q) as requests,
        (select coalesce(json_agg(json_build_array(source_id, request_id::text)), '[]')
         from informing.result
         where sender_code = ${who.orgCode} and source_id = any(${records.map((r) => r.sourceId)}::text[])) as earlier`;
    const facts = {
      rules: ctx.rules,
      today: row!.today,
      requests: new Map(row!.requests.map((r) => [r.key, r])),
      earlier: new Map(row!.earlier),
    };
    return records.map((r) => checkResult(facts, who.orgCode, r));
  },
  async write(ctx, who, items) {
    const rows = items.map(({ record: r, facts, packageRef }, ord) => ({
      ord,
      package_ref: packageRef,
      source_id: r.sourceId,
      request_id: facts!.id,
      person_id: facts!.personId,
      request_sender: facts!.senderCode,
      result_date: r.date,
      method: r.method,
      step: r.step,
      outcome: r.outcome,
      operator: r.operator ?? null,
      closes: statusAfter(r.outcome),
    }));
    const [result] = await ctx.tx<{ stored: [string, string][] }[]>`
      with t as (
        select * from json_to_recordset(${jsonRows(rows)}::text::json) as t(
          ord int, package_ref bigint, source_id text, request_id bigint, person_id bigint, request_sender text,
          result_date date, method smallint, step smallint, outcome smallint, operator text, closes text)
      ), stored as (
        insert into informing.result (sender_code, source_id, package_ref, request_id, person_id, smo_code,
                                      request_sender, result_date, method, step, outcome, operator)
        select ${who.orgCode}, source_id, package_ref, request_id, person_id, ${who.orgCode}, request_sender,
               result_date, method, step, outcome, operator
        from t order by ord
        on conflict (sender_code, source_id) do update
          set package_ref = excluded.package_ref, result_date = excluded.result_date, method = excluded.method,
              step = excluded.step, outcome = excluded.outcome, operator = excluded.operator,
              change_seq = nextval('informing.change_seq')
          where informing.result.request_id = excluded.request_id
        returning id::text, source_id
      ), moved as (
        update informing.request q
          set status = coalesce(c.closes, q.status), closed_on = case when c.closes is not null then c.closed_on end,
              attempts = q.attempts + c.attempts, change_seq = nextval('informing.change_seq')
        from (select request_id,
                     (array_agg(closes order by result_date desc, ord desc) filter (where closes is not null))[1]
                       as closes,
                     max(result_date) filter (where closes is not null) as closed_on,
                     (count(*) filter (where closes is null))::smallint as attempts
              from t group by request_id) c
        where q.id = c.request_id
        returning q.id
      )
      select (select coalesce(json_agg(json_build_array(source_id, id)), '[]') from stored) as stored,
             (select count(*) from moved) as moved`;
    const ids = new Map(result!.stored);
    return {
      ids: items.map(({ record }) => ids.get(record.sourceId) ?? null),
      also: items.map(({ facts }, item) => ({ item, record: facts!.id })),
    };
  },
};
