import { audit } from '../../platform/access/scoped';
import type { Tx } from '../../platform/db/connection';
import type { InformingReason, RequestStatus } from '../domain/codes';
import { callerScope } from './caller-side';

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
  /** The assigned representative's full name (the name only, also of an account the reader cannot see). */
  assigneeName: string | null;
  overdue: boolean;
  generated: boolean;
  /** What to tell of an upcoming procedure or of the methods discussed at a consultation (reasons PROCEDURE, CARE_INFO). */
  details: Record<string, string> | null;
}

/** The СМО's home-page worklists (db/home-figures.ts): each a filter of the list its count opens. */
export const requestWorklists = ['due-today', 'overdue'] as const;
export type RequestWorklist = (typeof requestWorklists)[number];

export interface RequestQuery {
  status?: RequestStatus | undefined;
  overdue?: boolean | undefined;
  /** One reason or several (the upcoming procedures: PROCEDURE and CARE_INFO). */
  reason?: InformingReason[] | undefined;
  personId?: string | undefined;
  /** The representative the requests are assigned to: a user name, or `me` for the caller. */
  assignee?: string | undefined;
  worklist?: RequestWorklist | undefined;
  page: number;
  pageSize: number;
}

/**
 * A worklist's condition on `informing.request r`: open with the deadline today (to inform today), open after
 * the deadline (overdue). The home count and the list it opens run this same condition.
 */
export function worklistCondition(tx: Tx, worklist: RequestWorklist) {
  return worklist === 'due-today'
    ? tx`r.status = 'open' and r.deadline = current_date`
    : tx`r.status = 'open' and r.deadline < current_date`;
}

/**
 * The columns of a `RequestView` over `informing.request r`, `person.person p`, the sender `so`, the МО `mo` and
 * the assignee's name `an` (`auth.full_names`).
 */
function requestColumns(tx: Tx) {
  return tx`
    r.id::text, r.source_id as "sourceId", r.sender_code as "senderCode", so.short_name as "senderName",
    r.person_id::text as "personId", concat_ws(' ', p.fam, p.im, p.ot) as fio,
    p.birth_date::text as "birthDate", p.enp, r.smo_code as "smoCode", r.reason, r.primary_inf as primary,
    r.request_date::text as "requestDate", r.window_from::text as "windowFrom",
    r.window_to::text as "windowTo", r.deadline::text as deadline, r.mo_code as "moCode",
    mo.short_name as "moName", r.status, r.closed_on::text as "closedOn", r.attempts, r.assignee,
    an.full_name as "assigneeName", (r.status = 'open' and r.deadline < current_date) as overdue, r.rule_id is not null as generated,
    r.details`;
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
  const scope = (await callerScope(tx, { smo: tx`r.smo_code`, mo: tx`r.sender_code` })).condition;
  const status = q.overdue ? 'open' : (q.status ?? null);
  const assignee =
    q.assignee === undefined
      ? tx`true`
      : q.assignee === 'me'
        ? tx`r.assignee = app.username()`
        : tx`r.assignee = ${q.assignee.toLowerCase()}`;
  const rows = await tx<RequestView[]>`
    with r as (
      select * from informing.request r
      where ${scope}
        and (${status}::text is null or r.status = ${status})
        and (not ${q.overdue === true} or r.deadline < current_date)
        and (${q.reason ?? null}::text[] is null or r.reason = any(${q.reason ?? null}::text[]))
        and (${q.personId ?? null}::bigint is null or r.person_id = ${q.personId ?? null}::bigint)
        and ${assignee}
        and ${q.worklist ? worklistCondition(tx, q.worklist) : tx`true`}
      order by r.deadline, r.id
      limit ${q.pageSize + 1} offset ${(q.page - 1) * q.pageSize})
    select ${requestColumns(tx)}
    from r
    join person.person p on p.id = r.person_id
    left join org.organisation so on so.code = r.sender_code
    left join org.organisation mo on mo.code = r.mo_code
    left join auth.full_names((select array_agg(distinct r.assignee) from r)) an on an.username = r.assignee
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

/** One informing result of a request, as its detail shows it. */
export interface RequestResultView {
  id: string;
  sourceId: string;
  senderCode: string;
  date: string;
  method: number;
  step: number;
  outcome: number;
  operator: string | null;
  receivedAt: Date;
}

export interface RequestDetail extends RequestView {
  districtCode: string | null;
  comment: string | null;
  smoName: string | null;
  results: RequestResultView[];
}

/**
 * One request in the caller's scope with its informing results, the latest first (null: none such for the
 * caller). Audited: the request, its results and the person.
 */
export async function requestDetail(tx: Tx, id: string): Promise<RequestDetail | null> {
  const scope = (await callerScope(tx, { smo: tx`r.smo_code`, mo: tx`r.sender_code` })).condition;
  const [request] = await tx<Omit<RequestDetail, 'results'>[]>`
    select ${requestColumns(tx)}, r.district_code as "districtCode", r.comment, smo.short_name as "smoName"
    from informing.request r
    join person.person p on p.id = r.person_id
    left join org.organisation so on so.code = r.sender_code
    left join org.organisation mo on mo.code = r.mo_code
    left join org.organisation smo on smo.code = r.smo_code
    left join auth.full_names(array[r.assignee]) an on an.username = r.assignee
    where r.id = ${id}::bigint and ${scope}`;
  if (!request) return null;
  const results = await tx<RequestResultView[]>`
    select x.id::text, x.source_id as "sourceId", x.sender_code as "senderCode", x.result_date::text as date,
           x.method, x.step, x.outcome, x.operator, x.received_at as "receivedAt"
    from informing.result x
    where x.request_id = ${id}::bigint
    order by x.result_date desc, x.id desc`;
  await audit(tx, 'read', 'informing.request', { records: [request.id], persons: [request.personId] });
  if (results.length > 0) {
    await audit(tx, 'read', 'informing.result', {
      records: results.map((x) => x.id),
      persons: [request.personId],
    });
  }
  return { ...request, results };
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
 * by their request date, informed by the deadline, informed late, still open after it. The fund and an СМО sum
 * the counters the requests' writes keep (`informing.request_count`, migration 057); an МО counts the requests it
 * sent (few rows, by its index). Counts only.
 */
export async function informingTimeliness(
  tx: Tx,
  q: { from: string; to: string; reason?: InformingReason | undefined },
): Promise<TimelinessRow[]> {
  const [side] = await tx<{ kind: string }[]>`select coalesce(app.org_kind(), '') as kind`;
  const reason = q.reason ?? null;
  const rows =
    side!.kind === 'MO'
      ? tx`
          select r.smo_code, r.status, r.deadline, coalesce(r.closed_on <= r.deadline, false) as on_time, 1 as n
          from informing.request r
          where r.sender_code = app.org_code() and r.request_date between ${q.from}::date and ${q.to}::date
            and (${reason}::text is null or r.reason = ${reason})`
      : tx`
          select c.smo_code, c.status, c.deadline, c.on_time, c.n
          from informing.request_count c
          where c.request_date between ${q.from}::date and ${q.to}::date
            and (${reason}::text is null or c.reason = ${reason})
            and (app.org_kind() = 'TFOMS' or c.smo_code = app.org_code())`;
  return tx<TimelinessRow[]>`
    with counted as (
      select r.smo_code, sum(r.n)::int as requests,
             coalesce(sum(r.n) filter (where r.status <> 'open'), 0)::int as closed,
             coalesce(sum(r.n) filter (where r.status = 'informed' and r.on_time), 0)::int as "informedOnTime",
             coalesce(sum(r.n) filter (where r.status = 'informed' and not r.on_time), 0)::int as "informedLate",
             coalesce(sum(r.n) filter (where r.status = 'open' and r.deadline < current_date), 0)::int as overdue,
             coalesce(sum(r.n) filter (where r.status <> 'open' or r.deadline < current_date), 0)::int as due
      from (${rows}) r
      group by r.smo_code
      having sum(r.n) > 0)
    select c.smo_code as "smoCode", o.short_name as "smoName", c.requests, c.closed, c."informedOnTime",
           c."informedLate", c.overdue, round(100.0 * c."informedOnTime" / nullif(c.due, 0), 1)::float as "onTimeShare"
    from counted c
    join org.organisation o on o.code = c.smo_code
    order by c.smo_code`;
}
