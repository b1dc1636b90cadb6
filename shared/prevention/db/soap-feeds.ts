import type postgres from 'postgres';
import { type AccessContext, audit } from '../../platform/access/scoped';
import type { Tx } from '../../platform/db/connection';
import { type FeedPage, feedCursor, feedLimit, feedPage } from '../../platform/exchange/feed';
import type { PreventionKind } from '../domain/exam-steps';
import type { SlotMethod } from '../domain/schedule';

/**
 * Incremental reads of the prevention area for receivers' systems (SOAP `Get…` with `ChangedSince`): what changed
 * after the cursor (the last `changeSeq` seen, of `prevention.change_seq`), in change order, at most `limit`.
 * Schedules are everybody's (no personal data); plan entries, ДН and polyclinic cases are narrowed to what the
 * caller receives — the МО its own, the СМО its insured persons', ТФОМС all — and row-level security guarantees
 * the rest. A page with personal data is audited (the records and persons read); an empty page writes nothing.
 */

type Fragment = postgres.PendingQuery<postgres.Row[]>;

export interface FeedOptions {
  cursor?: string | undefined;
  limit: number;
}

/** A person as the reads name them. */
export interface FeedPerson {
  id: string;
  enp: string | null;
  fam: string;
  im: string;
  ot: string | null;
  birthDate: string;
  sex: number;
}

export interface SlotFeedItem {
  id: string;
  sourceId: string;
  moCode: string;
  moName: string | null;
  kind: PreventionKind;
  departmentCode: string | null;
  date: string;
  timeFrom: string;
  timeTo: string;
  method: SlotMethod;
  address: string | null;
  capacity: number | null;
  comment: string | null;
  cancelled: boolean;
  evening: boolean;
  saturday: boolean;
  phones: string[];
  changeSeq: string;
}

export interface PlanFeedItem {
  id: string;
  sourceId: string;
  moCode: string;
  person: FeedPerson;
  smoCode: string | null;
  year: number;
  kind: PreventionKind;
  months: number[];
  quarter: number | null;
  districtCode: string | null;
  doctorSnils: string | null;
  category: number;
  withdrawn: boolean;
  furthestStep: number | null;
  furthestStepDate: string | null;
  changeSeq: string;
}

export interface DispensaryFeedItem {
  id: string;
  sourceId: string;
  moCode: string;
  person: FeedPerson;
  smoCode: string | null;
  diagnosis: string;
  diagnosisDate: string | null;
  dateIn: string;
  dateOut: string | null;
  statusIn: number;
  reasonIn: number | null;
  reasonOut: number | null;
  specialty: number;
  doctorSnils: string | null;
  moAssign: number;
  visits: { from: string; to: string }[];
  lastVisit: string | null;
  overdueFrom: string | null;
  changeSeq: string;
}

export interface PolyclinicCaseFeedItem {
  id: string;
  sourceId: string;
  moCode: string;
  person: FeedPerson;
  smoCode: string | null;
  dateFrom: string;
  dateTo: string;
  purpose: string;
  diagnosis: string;
  specialty: number;
  doctorSnils: string | null;
  visits: number;
  source: string;
  changeSeq: string;
}

/** The highest change sequence number (bigint): the upper end of a scope's key range. */
const lastSeq = '9223372036854775807';

/** The person of a row joined as `p`, as one JSON value. */
const personJson = (tx: Tx) => tx`json_build_object(
  'id', p.id::text, 'enp', p.enp, 'fam', p.fam, 'im', p.im, 'ot', p.ot, 'birthDate', p.birth_date::text,
  'sex', p.sex)`;

/**
 * The part of a personal-data table the caller receives after the cursor, given the table's organisation columns
 * and change sequence: an МО's (by `mo`) and an СМО's (by `smo`) part is the key range
 * `(column, change_seq) > (organisation, cursor)` of the table's `(column, change_seq)` index, read in that
 * index's order; ТФОМС reads everything after the cursor in change order.
 */
function scopeAfter(
  tx: Tx,
  who: AccessContext,
  columns: { mo: Fragment; smo: Fragment; seq: Fragment },
  after: string,
): { where: Fragment; order: Fragment } {
  if (who.orgKind !== 'MO' && who.orgKind !== 'SMO') {
    return { where: tx`${columns.seq} > ${after}::bigint`, order: columns.seq };
  }
  const column = who.orgKind === 'MO' ? columns.mo : columns.smo;
  return {
    where: tx`(${column}, ${columns.seq}) > (${who.orgCode}, ${after}::bigint)
          and (${column}, ${columns.seq}) <= (${who.orgCode}, ${lastSeq}::bigint)`,
    order: tx`${column}, ${columns.seq}`,
  };
}

async function audited<T extends { id: string; person: FeedPerson }>(
  tx: Tx,
  entity: string,
  items: T[],
  after: string,
): Promise<FeedPage<T & { changeSeq: string }>> {
  if (items.length > 0) {
    await audit(tx, 'read', entity, {
      records: items.map((i) => i.id),
      persons: [...new Set(items.map((i) => i.person.id))],
    });
  }
  return feedPage(items as (T & { changeSeq: string })[], after);
}

/** Every МО's schedule slots changed after the cursor (one МО's with `moCode`), with the МО's contact phones. */
export async function scheduleFeed(
  tx: Tx,
  options: FeedOptions & { moCode?: string | undefined },
): Promise<FeedPage<SlotFeedItem>> {
  const after = feedCursor(options.cursor);
  const items = await tx<SlotFeedItem[]>`
    select s.id::text, s.source_id as "sourceId", s.mo_code as "moCode", o.short_name as "moName", s.kind,
           s.department_code as "departmentCode", s.slot_date::text as date,
           to_char(s.time_from, 'HH24:MI') as "timeFrom", to_char(s.time_to, 'HH24:MI') as "timeTo", s.method,
           s.address, s.capacity, s.comment, s.cancelled, s.evening, s.saturday,
           coalesce((select array_agg(c.phone order by c.id) from prevention.contact c where c.mo_code = s.mo_code),
                    '{}') as phones,
           s.change_seq::text as "changeSeq"
    from prevention.schedule_slot s
    join org.organisation o on o.code = s.mo_code
    where s.change_seq > ${after}::bigint
      and (${options.moCode ?? null}::text is null or s.mo_code = ${options.moCode ?? null})
    order by s.change_seq
    limit ${feedLimit(options.limit)}`;
  return feedPage(items, after);
}

/**
 * Plan entries changed after the cursor within the caller's part (a step moves its entry's furthest step and so
 * its place in the feed), optionally of one year and kind. Audited.
 */
export async function planEntryFeed(
  tx: Tx,
  who: AccessContext,
  options: FeedOptions & { year?: number | undefined; kind?: PreventionKind | undefined },
): Promise<FeedPage<PlanFeedItem>> {
  const after = feedCursor(options.cursor);
  // The part as the key range (organisation, change_seq) of the plan feeds' indexes (migration 046).
  const part =
    who.orgKind === 'MO'
      ? tx`e.mo_code = ${who.orgCode} and e.change_seq > ${after}::bigint`
      : who.orgKind === 'SMO'
        ? tx`e.smo_code = ${who.orgCode} and e.change_seq > ${after}::bigint`
        : tx`e.change_seq > ${after}::bigint`;
  const items = await tx<PlanFeedItem[]>`
    select e.id::text, e.source_id as "sourceId", e.mo_code as "moCode", ${personJson(tx)} as person,
           e.smo_code as "smoCode", e.year, e.kind, e.months::int[] as months, e.quarter,
           e.district_code as "districtCode", e.doctor_snils as "doctorSnils", e.category, e.withdrawn,
           e.furthest_step as "furthestStep", e.furthest_step_date::text as "furthestStepDate",
           e.change_seq::text as "changeSeq"
    from prevention.plan_entry e
    join person.person p on p.id = e.person_id
    where ${part}
      and (${options.year ?? null}::int is null or e.year = ${options.year ?? null})
      and (${options.kind ?? null}::text is null or e.kind = ${options.kind ?? null})
    order by e.change_seq
    limit ${feedLimit(options.limit)}`;
  return audited(tx, 'prevention.plan_entry', items, after);
}

/** Dispensary observations (ДН) changed after the cursor within the caller's part. Audited. */
export async function dispensaryFeed(
  tx: Tx,
  who: AccessContext,
  options: FeedOptions,
): Promise<FeedPage<DispensaryFeedItem>> {
  const after = feedCursor(options.cursor);
  const part = scopeAfter(tx, who, { mo: tx`d.mo_code`, smo: tx`d.smo_code`, seq: tx`d.change_seq` }, after);
  const items = await tx<DispensaryFeedItem[]>`
    select d.id::text, d.source_id as "sourceId", d.mo_code as "moCode", ${personJson(tx)} as person,
           d.smo_code as "smoCode", d.diagnosis, d.diagnosis_date::text as "diagnosisDate",
           d.date_in::text as "dateIn", d.date_out::text as "dateOut", d.status_in as "statusIn",
           d.reason_in as "reasonIn", d.reason_out as "reasonOut", d.specialty, d.doctor_snils as "doctorSnils",
           d.mo_assign as "moAssign",
           coalesce((select json_agg(json_build_object('from', w.f::text, 'to', w.t::text) order by w.n)
                     from unnest(d.visit_from, d.visit_to) with ordinality w(f, t, n)), '[]') as visits,
           d.last_visit::text as "lastVisit", d.overdue_from::text as "overdueFrom",
           d.change_seq::text as "changeSeq"
    from prevention.dispensary d
    join person.person p on p.id = d.person_id
    where ${part.where}
    order by ${part.order}
    limit ${feedLimit(options.limit)}`;
  return audited(tx, 'prevention.dispensary', items, after);
}

/** Polyclinic cases changed after the cursor within the caller's part. Audited. */
export async function polyclinicCaseFeed(
  tx: Tx,
  who: AccessContext,
  options: FeedOptions,
): Promise<FeedPage<PolyclinicCaseFeedItem>> {
  const after = feedCursor(options.cursor);
  const part = scopeAfter(tx, who, { mo: tx`c.mo_code`, smo: tx`c.smo_code`, seq: tx`c.change_seq` }, after);
  const items = await tx<PolyclinicCaseFeedItem[]>`
    select c.id::text, c.source_id as "sourceId", c.mo_code as "moCode", ${personJson(tx)} as person,
           c.smo_code as "smoCode", c.date_from::text as "dateFrom", c.date_to::text as "dateTo", c.purpose,
           c.diagnosis, c.specialty, c.doctor_snils as "doctorSnils", c.visits, c.source,
           c.change_seq::text as "changeSeq"
    from prevention.polyclinic_case c
    join person.person p on p.id = c.person_id
    where ${part.where}
    order by ${part.order}
    limit ${feedLimit(options.limit)}`;
  return audited(tx, 'prevention.polyclinic_case', items, after);
}
