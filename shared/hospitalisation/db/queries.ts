import type postgres from 'postgres';
import { personIdsMatching } from '../../person/db/person-repository';
import type { AccessContext } from '../../platform/access/scoped';
import { audit } from '../../platform/access/scoped';
import type { Tx } from '../../platform/db/connection';
import { type HistoryEntry, type HistoryEvent, referralStory } from '../domain/history-story';
import {
  type AdmissionWorklist,
  type FreeBedsWorklist,
  type ReferralWorklist,
  referralWorklistDirection,
} from '../domain/worklists';
import {
  type AdmissionView,
  type FreeBedsView,
  type ReferralView,
  selectAdmissions,
  selectFreeBeds,
  selectReferrals,
  showAdmissions,
  showReferrals,
} from './views';
import {
  admissionWorklistCondition,
  freeBedsWorklistCondition,
  referralWorklistCondition,
} from './worklists';

export type { HistoryEntry };

type Fragment = postgres.PendingQuery<postgres.Row[]>;

function and(tx: Tx, parts: (Fragment | false | undefined | null | '')[]): Fragment {
  return (parts.filter(Boolean) as Fragment[]).reduce((acc, p) => tx`${acc} and ${p}`, tx`true`);
}

async function auditPersons(tx: Tx, entity: string, items: { id: string; person: { id: string } | null }[]) {
  await audit(tx, 'read', entity, {
    records: items.map((i) => i.id),
    persons: [...new Set(items.flatMap((i) => (i.person ? [i.person.id] : [])))],
  });
}

export interface ReferralQuery {
  direction: 'sent' | 'incoming' | 'all';
  status?: 'issued' | 'admitted' | 'cancelled' | 'expired' | 'discharged';
  profile?: number;
  moCode?: string;
  dateFrom?: string;
  dateTo?: string;
  overdue?: boolean;
  /** A home-page worklist (domain/worklists.ts): its filter, and its direction instead of `direction`. */
  worklist?: ReferralWorklist;
  personId?: string;
  /** The patient: the beginning of the surname (and name, birth date), an ЕНП, a СНИЛС or a policy number. */
  patient?: string;
  q?: string;
  page: number;
  pageSize: number;
  sort: 'date' | '-date' | 'plannedDate' | '-plannedDate';
}

/**
 * A page of a list: its rows and whether more follow (the next page exists). Lists answer no total: counting
 * every row of the caller's scope under row-level security grows with the region (425 ms at 65,000 referrals).
 */
export interface ListPage<T> {
  items: T[];
  hasMore: boolean;
  page: number;
  pageSize: number;
}

function listPage<T>(rows: T[], q: { page: number; pageSize: number }): ListPage<T> {
  return {
    items: rows.slice(0, q.pageSize),
    hasMore: rows.length > q.pageSize,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** The rows a page needs: its own, one more to tell whether another page follows, after the earlier pages. */
const pageRows = (q: { page: number; pageSize: number }) => ({
  limit: q.pageSize + 1,
  offset: (q.page - 1) * q.pageSize,
});

/**
 * The persons a patient filter names, as a subquery (person-repository `personIdsMatching`): found through the
 * person indexes (surname key, ЕНП, СНИЛС, policy number), then their referrals or stays by `person_id`. Text that
 * names nobody finds nothing.
 */
const patientIds = (tx: Tx, text: string): Fragment =>
  personIdsMatching(tx, text) ?? tx`select null::bigint where false`;

/** The highest text that starts with `prefix` under the "C" collation (a prefix search as an index range). */
const prefixEnd = (prefix: string) => `${prefix}\u{10FFFF}`;

/**
 * Worklists of referrals (sent / incoming / all visible), filtered, paged; the page read is audited. The caller's
 * scope is stated explicitly as well (row-level security enforces it anyway) so that each worklist reads one
 * index in its sort order: an МО's sent or received referrals, an СМО's insured persons', the region's.
 */
export async function listReferrals(
  tx: Tx,
  who: AccessContext,
  q: ReferralQuery,
): Promise<ListPage<ReferralView>> {
  const org = who.orgCode;
  const number = q.q?.replace(/[\\%_]/g, '');
  const filters = and(tx, [
    q.status === 'expired' && tx`r.status = 'issued' and r.valid_until < current_date`,
    q.status === 'issued' && tx`r.status = 'issued' and r.valid_until >= current_date`,
    q.status && !['expired', 'issued'].includes(q.status) && tx`r.status = ${q.status}`,
    q.profile !== undefined && tx`r.profile_v002 = ${q.profile}`,
    q.moCode && tx`(r.from_mo_code = ${q.moCode} or r.to_mo_code = ${q.moCode})`,
    q.dateFrom && tx`r.referral_date >= ${q.dateFrom}::date`,
    q.dateTo && tx`r.referral_date <= ${q.dateTo}::date`,
    q.overdue && tx`r.status = 'issued' and r.planned_date < current_date`,
    q.worklist && referralWorklistCondition(tx, org, q.worklist),
    q.personId && tx`r.person_id = ${q.personId}::bigint`,
    q.patient && tx`r.person_id in (${patientIds(tx, q.patient)})`,
    number && tx`(r.number collate "C") >= ${number} and (r.number collate "C") < ${prefixEnd(number)}`,
  ]);
  const direction = q.worklist ? referralWorklistDirection(q.worklist) : q.direction;
  const scope =
    who.orgKind === 'MO'
      ? direction === 'sent'
        ? [tx`r.from_mo_code = ${org} and ${filters}`]
        : direction === 'incoming'
          ? [tx`r.to_mo_code = ${org} and ${filters}`]
          : [
              tx`r.from_mo_code = ${org} and ${filters}`,
              tx`r.to_mo_code = ${org} and r.from_mo_code <> ${org} and ${filters}`,
            ]
      : who.orgKind === 'SMO'
        ? [tx`r.smo_code = ${org} and ${filters}`]
        : [filters];
  const order = {
    date: tx`r.referral_date, r.id`,
    '-date': tx`r.referral_date desc, r.id desc`,
    plannedDate: tx`r.planned_date, r.id`,
    '-plannedDate': tx`r.planned_date desc, r.id desc`,
  }[q.sort];
  const page = listPage(await selectReferrals(tx, { where: scope, order, ...pageRows(q) }), q);
  await auditPersons(tx, 'hosp.referral', page.items);
  return page;
}

/** One referral with its history (and the history of its stays) in words, or null outside the caller's scope. */
export async function getReferral(
  tx: Tx,
  id: string,
): Promise<(ReferralView & { history: HistoryEntry[] }) | null> {
  if (!/^\d{1,18}$/.test(id)) return null;
  const [referral] = await showReferrals(tx, [id]);
  if (!referral) return null;
  const events = await tx<HistoryEvent[]>`
    with e as (
      select e.* from hosp.event e
      where (e.entity = 'referral' and e.entity_id = ${id})
         or (e.entity = 'stay' and e.entity_id in (select s.id from hosp.stay s where s.referral_id = ${id}))
    )
    select e.id::text, e.at, e.entity, e.event, e.org_code as "orgCode", o.short_name as "orgName", e.username,
           n.full_name as "userFullName", e.channel, e.details, d.name as "departmentName"
    from e
    left join org.organisation o on o.code = e.org_code
    left join auth.full_names((select array_agg(distinct e.username) from e)) n on n.username = e.username
    left join org.department d on d.mo_code = e.to_mo_code and d.code = e.details ->> 'departmentCode'
    order by e.id`;
  await auditPersons(tx, 'hosp.referral', [referral]);
  return { ...referral, history: referralStory(events) };
}

export interface AdmissionQuery {
  kind?: 'planned' | 'emergency';
  state?: 'in_hospital' | 'discharged';
  moCode?: string;
  dateFrom?: string;
  dateTo?: string;
  personId?: string;
  /** A home-page worklist (domain/worklists.ts). */
  worklist?: AdmissionWorklist;
  /** The patient, as in `ReferralQuery.patient`. */
  patient?: string;
  page: number;
  pageSize: number;
  /** By admission date and time: newest first (the default) or oldest first. */
  sort?: 'date' | '-date';
}

/** Stays in the caller's scope, newest first; like the referrals, each scope reads one index in that order. */
export async function listAdmissions(
  tx: Tx,
  who: AccessContext,
  q: AdmissionQuery,
): Promise<ListPage<AdmissionView>> {
  const org = who.orgCode;
  const filters = and(tx, [
    q.kind && tx`s.kind = ${q.kind}`,
    q.state === 'in_hospital' && tx`s.discharged_on is null`,
    q.state === 'discharged' && tx`s.discharged_on is not null`,
    q.moCode && tx`s.mo_code = ${q.moCode}`,
    q.dateFrom && tx`s.admitted_on >= ${q.dateFrom}::date`,
    q.dateTo && tx`s.admitted_on <= ${q.dateTo}::date`,
    q.personId && tx`s.person_id = ${q.personId}::bigint`,
    q.worklist && admissionWorklistCondition(tx, org, q.worklist),
    q.patient && tx`s.person_id in (${patientIds(tx, q.patient)})`,
  ]);
  // An МО sees the stays in its hospital and those of the patients it referred elsewhere.
  const scope =
    who.orgKind === 'MO'
      ? [
          tx`s.mo_code = ${org} and ${filters}`,
          tx`s.referring_mo_code = ${org} and s.mo_code <> ${org} and ${filters}`,
        ]
      : who.orgKind === 'SMO'
        ? [tx`s.smo_code = ${org} and ${filters}`]
        : [filters];
  const order =
    q.sort === 'date'
      ? tx`s.admitted_on, s.admitted_time, s.id`
      : tx`s.admitted_on desc, s.admitted_time desc, s.id desc`;
  const page = listPage(await selectAdmissions(tx, { where: scope, order, ...pageRows(q) }), q);
  await auditPersons(tx, 'hosp.stay', page.items);
  return page;
}

export async function getAdmission(tx: Tx, id: string): Promise<AdmissionView | null> {
  if (!/^\d{1,18}$/.test(id)) return null;
  const [stay] = await showAdmissions(tx, [id]);
  if (stay) await auditPersons(tx, 'hosp.stay', [stay]);
  return stay ?? null;
}

export interface FreeBedsQuery {
  date?: string;
  profile?: number;
  bedProfile?: number;
  conditions?: number;
  moCode?: string;
  /** A home-page worklist of the caller's organisation (`orgCode`). */
  worklist?: FreeBedsWorklist;
  orgCode?: string;
}

/** The region's free beds: for each hospital × department × bed profile × conditions, its latest report on or before the date. */
export async function listFreeBeds(tx: Tx, q: FreeBedsQuery): Promise<FreeBedsView[]> {
  const on = q.date ?? null;
  const where = and(tx, [
    tx`b.report_date = (select max(x.report_date) from hosp.free_beds x
        where x.mo_code = b.mo_code and x.department_code = b.department_code
          and x.bed_profile_v020 = b.bed_profile_v020 and x.conditions_v006 = b.conditions_v006
          and x.report_date <= coalesce(${on}::date, current_date))`,
    q.profile !== undefined && tx`coalesce(b.profile_v002, d.profile_v002) = ${q.profile}`,
    q.bedProfile !== undefined && tx`b.bed_profile_v020 = ${q.bedProfile}`,
    q.conditions !== undefined && tx`b.conditions_v006 = ${q.conditions}`,
    q.moCode && tx`b.mo_code = ${q.moCode}`,
    q.worklist && q.orgCode && freeBedsWorklistCondition(tx, q.orgCode, q.worklist),
  ]);
  return selectFreeBeds(tx, where, tx`b.free_total desc, mo.short_name, b.department_code`, 1000);
}

export interface PlanFactRow {
  year: number;
  month: number;
  moCode: string;
  moName: string | null;
  profile: number;
  profileName: string | null;
  conditions: number;
  smoCode: string;
  smoName: string | null;
  planned: number;
  fact: number;
}

/** Plans vs fact: planned admissions per hospital × month × profile × СМО next to the admissions recorded. */
export async function planVersusFact(
  tx: Tx,
  q: { year: number; month?: number; moCode?: string; smoCode?: string; profile?: number },
): Promise<PlanFactRow[]> {
  const where = and(tx, [
    tx`p.year = ${q.year}`,
    q.month !== undefined && tx`p.month = ${q.month}`,
    q.moCode && tx`p.mo_code = ${q.moCode}`,
    q.smoCode && tx`p.smo_code = ${q.smoCode}`,
    q.profile !== undefined && tx`p.profile_v002 = ${q.profile}`,
  ]);
  return tx<PlanFactRow[]>`
    select p.year, p.month, p.mo_code as "moCode", mo.short_name as "moName", p.profile_v002 as profile,
           nsi.name_on('V002', p.profile_v002::text, make_date(p.year, p.month, 1)) as "profileName",
           p.conditions_v006 as conditions, p.smo_code as "smoCode", smo.short_name as "smoName", p.planned,
           (select count(*)::int from hosp.stay s
            where s.mo_code = p.mo_code and s.profile_v002 = p.profile_v002 and s.conditions_v006 = p.conditions_v006
              and s.smo_code = p.smo_code and extract(year from s.admitted_on) = p.year
              and extract(month from s.admitted_on) = p.month) as fact
    from hosp.plan p
    left join org.organisation mo on mo.code = p.mo_code
    left join org.organisation smo on smo.code = p.smo_code
    where ${where}
    order by p.month, mo.short_name, p.profile_v002, p.smo_code`;
}
