import { audit } from '../../platform/access/scoped';
import type { Tx } from '../../platform/db/connection';
import type { InformingReason, RequestStatus } from '../domain/codes';

export interface RequestView {
  id: string;
  sourceId: string;
  senderCode: string;
  senderName: string | null;
  personId: string;
  fio: string;
  birthDate: string;
  enp: string | null;
  smoCode: string;
  reason: InformingReason;
  primary: number;
  requestDate: string;
  windowFrom: string | null;
  windowTo: string | null;
  deadline: string;
  moCode: string | null;
  moName: string | null;
  status: RequestStatus;
  closedOn: string | null;
  attempts: number;
  assignee: string | null;
  overdue: boolean;
  generated: boolean;
}

export interface RequestQuery {
  status?: RequestStatus | undefined;
  overdue?: boolean | undefined;
  reason?: InformingReason | undefined;
  personId?: string | undefined;
  page: number;
  pageSize: number;
}

/**
 * A page of the informing requests in the caller's scope: the СМО's worklist (its open requests by deadline, the
 * overdue first), the МО's sent requests, the fund's all. The caller's side is stated as a column comparison (the
 * СМО's open requests walk `request_smo_open`). Audited: the requests and persons shown.
 */
export async function listRequests(
  tx: Tx,
  q: RequestQuery,
): Promise<{ items: RequestView[]; hasMore: boolean }> {
  const [side] = await tx<{ kind: string; code: string }[]>`
    select coalesce(app.org_kind(), '') as kind, coalesce(app.org_code(), '') as code`;
  const scope =
    side!.kind === 'SMO'
      ? tx`r.smo_code = ${side!.code}`
      : side!.kind === 'MO'
        ? tx`r.sender_code = ${side!.code}`
        : tx`true`;
  const status = q.overdue ? 'open' : (q.status ?? null);
  const rows = await tx<RequestView[]>`
    select r.id::text, r.source_id as "sourceId", r.sender_code as "senderCode", so.short_name as "senderName",
           r.person_id::text as "personId", concat_ws(' ', p.fam, p.im, p.ot) as fio,
           p.birth_date::text as "birthDate", p.enp, r.smo_code as "smoCode", r.reason, r.primary_inf as primary,
           r.request_date::text as "requestDate", r.window_from::text as "windowFrom",
           r.window_to::text as "windowTo", r.deadline::text as deadline, r.mo_code as "moCode",
           mo.short_name as "moName", r.status, r.closed_on::text as "closedOn", r.attempts, r.assignee,
           (r.status = 'open' and r.deadline < current_date) as overdue, r.rule_id is not null as generated
    from (select * from informing.request r
          where ${scope}
            and (${status}::text is null or r.status = ${status})
            and (not ${q.overdue === true} or r.deadline < current_date)
            and (${q.reason ?? null}::text is null or r.reason = ${q.reason ?? null})
            and (${q.personId ?? null}::bigint is null or r.person_id = ${q.personId ?? null}::bigint)
          order by r.deadline, r.id
          limit ${q.pageSize + 1} offset ${(q.page - 1) * q.pageSize}) r
    join person.person p on p.id = r.person_id
    left join org.organisation so on so.code = r.sender_code
    left join org.organisation mo on mo.code = r.mo_code
    order by r.deadline, r.id`;
  const items = rows.slice(0, q.pageSize);
  if (items.length > 0) {
    await audit(tx, 'read', 'informing.request', {
      records: items.map((i) => i.id),
      persons: items.map((i) => i.personId),
    });
  }
  return { items, hasMore: rows.length > q.pageSize };
}

export interface TimelinessRow {
  smoCode: string;
  smoName: string;
  requests: number;
  closed: number;
  informedOnTime: number;
  informedLate: number;
  overdue: number;
  /** informed on time / requests whose deadline has passed or that are closed, in per cent (null: none due). */
  onTimeShare: number | null;
}

/**
 * How each СМО informed (the fund's control, D§6.3 «Выполнение заявок на информирование»): requests of the period
 * by their request date, informed by the deadline, informed late, still open after it. Counts only.
 */
export async function informingTimeliness(
  tx: Tx,
  q: { from: string; to: string; reason?: InformingReason | undefined },
): Promise<TimelinessRow[]> {
  return tx<TimelinessRow[]>`
    select r.smo_code as "smoCode", o.short_name as "smoName", count(*)::int as requests,
           (count(*) filter (where r.status <> 'open'))::int as closed,
           (count(*) filter (where r.status = 'informed' and r.closed_on <= r.deadline))::int as "informedOnTime",
           (count(*) filter (where r.status = 'informed' and r.closed_on > r.deadline))::int as "informedLate",
           (count(*) filter (where r.status = 'open' and r.deadline < current_date))::int as overdue,
           round(100.0 * count(*) filter (where r.status = 'informed' and r.closed_on <= r.deadline)
                 / nullif(count(*) filter (where r.status <> 'open' or r.deadline < current_date), 0), 1)::float
             as "onTimeShare"
    from informing.request r
    join org.organisation o on o.code = r.smo_code
    where r.request_date between ${q.from}::date and ${q.to}::date
      and (${q.reason ?? null}::text is null or r.reason = ${q.reason ?? null})
    group by r.smo_code, o.short_name
    order by r.smo_code`;
}
