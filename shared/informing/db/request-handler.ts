import { resolvePatients } from '../../person/db/patients';
import type { ExchangeContext, KindHandler } from '../../platform/exchange/package-processor';
import { RequestRecord } from '../domain/records';
import { checkRequest, type RequestWrite } from '../domain/request-rules';

const jsonRows = (rows: readonly Record<string, unknown>[]): string => JSON.stringify(rows);

/**
 * Informing requests an МО sends: the person resolved with the policy of today (the СМО the request goes to),
 * upserted in one statement by sender and source id, which links the persons to the sender (it reads what it
 * asked about). A request the СМО has closed keeps its status.
 */
export const requestHandler: Omit<
  KindHandler<ExchangeContext, RequestRecord, RequestWrite | null>,
  'permission'
> = {
  schema: RequestRecord,
  keys: (r) => [`request:${r.sourceId}`],
  async check(ctx, _who, records) {
    const [row] = await ctx.tx<{ today: string }[]>`select current_date::text as today`;
    const resolutions = await resolvePatients(ctx.tx, records);
    const facts = { rules: ctx.rules, today: row!.today, resolutions };
    return records.map((r) => checkRequest(facts, r));
  },
  async write(ctx, who, items) {
    const rows = items.map(({ record: r, facts, packageRef }, ord) => ({
      ord,
      package_ref: packageRef,
      source_id: r.sourceId,
      person_id: facts!.personId,
      smo_code: facts!.smoCode,
      reason: r.reason,
      primary_inf: r.primary,
      window_from: r.windowFrom ?? null,
      window_to: r.windowTo ?? null,
      deadline: r.deadline,
      mo_code: r.moCode ?? who.orgCode,
      district_code: r.districtCode ?? null,
      comment: r.comment ?? null,
      details: r.details ?? null,
    }));
    const stored = await ctx.tx<{ id: string; sourceId: string }[]>`
        with stored as (
        insert into informing.request (sender_code, source_id, package_ref, person_id, smo_code, reason, primary_inf,
                                       window_from, window_to, deadline, mo_code, district_code, comment,
                                       details)
        select ${who.orgCode}, source_id, package_ref, person_id, smo_code, reason, primary_inf, window_from,
               window_to, deadline, mo_code, district_code, comment, details
        from json_to_recordset(${jsonRows(rows)}::text::json) as t(
          ord int, package_ref bigint, source_id text, person_id bigint, smo_code text, reason text,
          primary_inf smallint, window_from date, window_to date, deadline date, mo_code text, district_code text,
          comment text, details jsonb)
        order by ord
        on conflict (sender_code, source_id) do update
          set package_ref = excluded.package_ref, reason = excluded.reason, primary_inf = excluded.primary_inf,
              window_from = excluded.window_from, window_to = excluded.window_to, deadline = excluded.deadline,
              mo_code = excluded.mo_code, district_code = excluded.district_code, comment = excluded.comment,
              details = excluded.details,
              change_seq = nextval('informing.change_seq')
          where informing.request.person_id = excluded.person_id
        returning id::text, source_id as "sourceId", person_id
        ), linked as (
          -- The sending МО keeps reading the persons of its requests (those not attached to it too).
          select app.link_persons(array_agg(person_id), array_agg(${who.orgCode}::text), 'informing') from stored
        )
        select id, "sourceId" from stored, linked`;
    const ids = new Map(stored.map((r) => [r.sourceId, r.id]));
    return { ids: items.map(({ record }) => ids.get(record.sourceId) ?? null) };
  },
};
