import type postgres from 'postgres';
import type { Tx } from '../../platform/db/connection';

type Fragment = postgres.PendingQuery<postgres.Row[]>;

export interface PersonBrief {
  id: string;
  enp: string;
  fam: string;
  im: string;
  ot: string | null;
  birthDate: string;
  sex: number;
}

export interface ReferralView {
  id: string;
  sourceId: string;
  senderCode: string;
  number: string;
  date: string;
  form: number;
  fromMoCode: string;
  fromMoName: string | null;
  fromDepartmentCode: string | null;
  fromDepartmentName: string | null;
  toMoCode: string;
  toMoName: string | null;
  toDepartmentCode: string | null;
  toDepartmentName: string | null;
  conditions: number;
  profile: number;
  profileName: string | null;
  bedProfile: number;
  bedProfileName: string | null;
  diagnosis: string;
  diagnosisName: string | null;
  doctorSnils: string;
  plannedDate: string;
  validUntil: string;
  kind: 'plain' | 'vmp';
  vmp: Record<string, unknown> | null;
  status: 'issued' | 'admitted' | 'cancelled' | 'expired' | 'discharged';
  overdue: boolean;
  person: PersonBrief | null;
  smoCode: string | null;
  smoName: string | null;
  cancellation: {
    source: number;
    sourceName: string;
    orgCode: string;
    orgName: string | null;
    reason: number;
    reasonName: string;
    date: string;
    comment: string | null;
  } | null;
  admission: {
    id: string;
    date: string;
    departmentCode: string;
    departmentName: string | null;
    caseNumber: string;
    dischargeDate: string | null;
  } | null;
  changeSeq: string;
}

/**
 * Which rows of a table make a page, chosen on that table alone (its indexes, its row-level security) before
 * anything is joined to them. `where` is one condition, or several that split the caller's scope into disjoint
 * parts (an МО's sent referrals and the ones addressed to it): each part then takes its own first rows in the
 * page's order (an ordered index scan that stops early) and the page is cut from their union. (A plain UNION ALL
 * of filtered parts under one ORDER BY … LIMIT is planned as read-everything-then-sort.)
 */
export interface RowsOf {
  where: Fragment | readonly (Fragment | Part)[];
  order: Fragment;
  limit: number;
  offset?: number;
}

/** One part of a scope, read in its own index's order when that differs from the page's (a feed's key range). */
export interface Part {
  where: Fragment;
  order: Fragment;
}

/**
 * The ids of a page, in its order. This statement is small and planned for its values on every call (which index
 * answers a scope, a cursor or a filter depends on them); the rows are then shown by one fixed statement per view
 * (`… from unnest(ids) join …`), whose plan PostgreSQL caches per connection — the joins of names, persons and
 * stays are planned once, not on every call (planning them took 2–6 ms of each list and feed call).
 */
export async function pageIds(tx: Tx, table: Fragment, alias: Fragment, rows: RowsOf): Promise<string[]> {
  const parts = (Array.isArray(rows.where) ? rows.where : [rows.where]).map((part: Fragment | Part) =>
    'order' in part && 'where' in part ? (part as Part) : { where: part as Fragment, order: rows.order },
  );
  const offset = rows.offset ?? 0;
  const source =
    parts.length === 1
      ? tx`(select ${alias}.* from ${table} ${alias} where ${parts[0]!.where}
            order by ${parts[0]!.order} limit ${rows.limit + offset}) ${alias}`
      : tx`(${parts
          .map(
            (part) =>
              tx`(select ${alias}.* from ${table} ${alias} where ${part.where}
                  order by ${part.order} limit ${rows.limit + offset})`,
          )
          .reduce((all, part) => tx`${all} union all ${part}`)}) ${alias}`;
  const found = await tx<{ id: string }[]>`
    select ${alias}.id::text from ${source} order by ${rows.order} limit ${rows.limit} offset ${offset}`;
  return found.map((row) => row.id);
}

/** Referrals as the API shows them, one page (`RowsOf`). */
export async function selectReferrals(tx: Tx, rows: RowsOf): Promise<ReferralView[]> {
  return showReferrals(tx, await pageIds(tx, tx`hosp.referral`, tx`r`, rows));
}

/**
 * Referrals by id, in the order given (row-level security drops those outside the caller's scope), with the names of
 * their organisations and directory codes, the person and the latest stay joined to these rows only: one
 * set-based join per page, not a look-up per row.
 */
export async function showReferrals(tx: Tx, ids: readonly string[]): Promise<ReferralView[]> {
  if (ids.length === 0) return [];
  return tx<ReferralView[]>`
    select r.id::text, r.source_id as "sourceId", r.sender_code as "senderCode", r.number,
           r.referral_date as date, r.form_v014 as form,
           r.from_mo_code as "fromMoCode", fm.short_name as "fromMoName", r.from_department_code as "fromDepartmentCode",
           fd.name as "fromDepartmentName",
           r.to_mo_code as "toMoCode", tm.short_name as "toMoName", r.to_department_code as "toDepartmentCode",
           td.name as "toDepartmentName",
           r.conditions_v006 as conditions, r.profile_v002 as profile, v002.name as "profileName",
           r.bed_profile_v020 as "bedProfile", v020.name as "bedProfileName",
           r.diagnosis, mkb.name as "diagnosisName",
           r.doctor_snils as "doctorSnils", r.planned_date as "plannedDate", r.valid_until as "validUntil",
           r.kind, r.vmp,
           case when r.status = 'issued' and r.valid_until < current_date then 'expired' else r.status end as status,
           (r.status = 'issued' and r.planned_date < current_date) as overdue,
           case when p.id is null then null else json_build_object(
             'id', p.id::text, 'enp', p.enp, 'fam', p.fam, 'im', p.im, 'ot', p.ot, 'birthDate', p.birth_date,
             'sex', p.sex) end as person,
           r.smo_code as "smoCode", smo.short_name as "smoName",
           case when r.status = 'cancelled' then json_build_object(
             'source', r.cancel_source,
             'sourceName', case r.cancel_source when 1 then 'СМО' when 2 then 'Стационар' else 'Направившая МО' end,
             'orgCode', r.cancel_org_code,
             'orgName', (select c.short_name from org.organisation c where c.code = r.cancel_org_code), 'reason', r.cancel_reason, 'reasonName', (${reasonNames}::text[])[r.cancel_reason],
             'date', r.cancel_date, 'comment', r.cancel_comment) end as cancellation,
           case when s.id is null then null else json_build_object(
             'id', s.id::text, 'date', s.admitted_on, 'departmentCode', s.department_code,
             'departmentName', s.department_name, 'caseNumber', s.case_number, 'dischargeDate', s.discharged_on) end as admission,
           r.change_seq::text as "changeSeq"
    from unnest(${ids}::bigint[]) with ordinality as page (id, n)
    join hosp.referral r on r.id = page.id
    left join org.organisation fm on fm.code = r.from_mo_code
    left join org.organisation tm on tm.code = r.to_mo_code
    left join org.organisation smo on smo.code = r.smo_code
    left join org.department fd on fd.mo_code = r.from_mo_code and fd.code = r.from_department_code
    left join org.department td on td.mo_code = r.to_mo_code and td.code = r.to_department_code
    left join person.person p on p.id = r.person_id
    left join lateral nsi.record_name_on('V002', r.profile_v002::text, r.referral_date) v002 on true
    left join lateral nsi.record_name_on('V020', r.bed_profile_v020::text, r.referral_date) v020 on true
    left join lateral nsi.record_name_on('MKB10', r.diagnosis, r.referral_date) mkb on true
    left join lateral (
      select x.id, x.admitted_on, x.department_code, xd.name as department_name, x.case_number, x.discharged_on
      from hosp.stay x
      left join org.department xd on xd.mo_code = x.mo_code and xd.code = x.department_code
      where x.referral_id = r.id order by x.admitted_on desc limit 1) s on true
    order by page.n`;
}

const reasonNames = [
  'Отсутствие показаний для госпитализации',
  'Непредставление необходимого пакета документов',
  'Инициативный отказ от госпитализации пациентом',
  'Отказ от госпитализации по эпидемиологическим показаниям',
  'Карантин в стационарном отделении',
  'Направление не по профилю заболевания',
  'Неявка пациента на госпитализацию',
  'Смерть до госпитализации',
  'Прочие причины',
];

export interface AdmissionView {
  id: string;
  sourceId: string;
  kind: 'planned' | 'emergency';
  referralId: string | null;
  referralNumber: string | null;
  matchStatus: 'matched' | 'awaiting_referral' | 'none';
  moCode: string;
  moName: string | null;
  departmentCode: string;
  departmentName: string | null;
  form: number;
  conditions: number;
  profile: number;
  profileName: string | null;
  bedProfile: number;
  bedProfileName: string | null;
  date: string;
  time: string | null;
  caseNumber: string;
  diagnosis: string;
  diagnosisName: string | null;
  person: PersonBrief | null;
  smoCode: string | null;
  smoName: string | null;
  referringMoCode: string | null;
  referringMoName: string | null;
  discharge: { date: string; outcome: number; outcomeName: string } | null;
  movements: {
    departmentCode: string;
    departmentName: string | null;
    profile: number;
    profileName: string | null;
    bedProfile: number;
    bedProfileName: string | null;
    date: string;
  }[];
  changeSeq: string;
}

const outcomeNames = ['Выздоровление, улучшение', 'Без перемен, ухудшение', 'Смерть', 'Перевод в другую МО'];

/** Stays as the API shows them, one page (`RowsOf`). */
export async function selectAdmissions(tx: Tx, rows: RowsOf): Promise<AdmissionView[]> {
  return showAdmissions(tx, await pageIds(tx, tx`hosp.stay`, tx`s`, rows));
}

/** Stays by id, in the order given (within the caller's scope), with names, person and movements joined to them. */
export async function showAdmissions(tx: Tx, ids: readonly string[]): Promise<AdmissionView[]> {
  if (ids.length === 0) return [];
  return tx<AdmissionView[]>`
    select s.id::text, s.source_id as "sourceId", s.kind, s.referral_id::text as "referralId",
           s.referral_number as "referralNumber",
           case when s.referral_id is not null then 'matched'
                when s.kind = 'planned' then 'awaiting_referral' else 'none' end as "matchStatus",
           s.mo_code as "moCode", mo.short_name as "moName", s.department_code as "departmentCode",
           d.name as "departmentName", s.form_v014 as form, s.conditions_v006 as conditions,
           s.profile_v002 as profile, v002.name as "profileName",
           s.bed_profile_v020 as "bedProfile", v020.name as "bedProfileName",
           s.admitted_on as date, s.admitted_time as time, s.case_number as "caseNumber", s.diagnosis,
           mkb.name as "diagnosisName",
           case when p.id is null then null else json_build_object(
             'id', p.id::text, 'enp', p.enp, 'fam', p.fam, 'im', p.im, 'ot', p.ot, 'birthDate', p.birth_date,
             'sex', p.sex) end as person,
           s.smo_code as "smoCode", smo.short_name as "smoName", s.referring_mo_code as "referringMoCode",
           rm.short_name as "referringMoName",
           case when s.discharged_on is null then null else json_build_object(
             'date', s.discharged_on, 'outcome', s.outcome, 'outcomeName', (${outcomeNames}::text[])[s.outcome]) end
             as discharge,
           coalesce((select json_agg(json_build_object(
                               'departmentCode', m.department_code, 'departmentName', md.name,
                               'profile', m.profile_v002, 'profileName', mp.name,
                               'bedProfile', m.bed_profile_v020, 'bedProfileName', mb.name, 'date', m.moved_on)
                             order by m.moved_on, m.id)
                     from hosp.movement m
                     left join org.department md on md.mo_code = s.mo_code and md.code = m.department_code
                     left join lateral nsi.record_name_on('V002', m.profile_v002::text, m.moved_on) mp on true
                     left join lateral nsi.record_name_on('V020', m.bed_profile_v020::text, m.moved_on) mb on true
                     where m.stay_id = s.id), '[]'::json) as movements,
           s.change_seq::text as "changeSeq"
    from unnest(${ids}::bigint[]) with ordinality as page (id, n)
    join hosp.stay s on s.id = page.id
    left join org.organisation mo on mo.code = s.mo_code
    left join org.department d on d.mo_code = s.mo_code and d.code = s.department_code
    left join org.organisation smo on smo.code = s.smo_code
    left join org.organisation rm on rm.code = s.referring_mo_code
    left join person.person p on p.id = s.person_id
    left join lateral nsi.record_name_on('V002', s.profile_v002::text, s.admitted_on) v002 on true
    left join lateral nsi.record_name_on('V020', s.bed_profile_v020::text, s.admitted_on) v020 on true
    left join lateral nsi.record_name_on('MKB10', s.diagnosis, s.admitted_on) mkb on true
    order by page.n`;
}

export interface FreeBedsView {
  date: string;
  moCode: string;
  moName: string | null;
  departmentCode: string;
  departmentName: string | null;
  conditions: number;
  bedProfile: number;
  bedProfileName: string | null;
  profile: number | null;
  profileName: string | null;
  occupiedAtStart: number;
  admitted: number;
  discharged: number;
  plannedToday: number;
  freeTotal: number;
  freeMale: number;
  freeFemale: number;
  freeAdult: number;
  freeChild: number;
  forecast: { date: string; free: number }[];
  receivedAt: Date;
  changeSeq: string;
}

export function selectFreeBeds(tx: Tx, where: Fragment, order: Fragment, limit: number) {
  return tx<FreeBedsView[]>`
    select b.report_date as date, b.mo_code as "moCode", mo.short_name as "moName",
           b.department_code as "departmentCode", d.name as "departmentName", b.conditions_v006 as conditions,
           b.bed_profile_v020 as "bedProfile", v020.name as "bedProfileName",
           coalesce(b.profile_v002, d.profile_v002) as profile, v002.name as "profileName",
           b.occupied_at_start as "occupiedAtStart", b.admitted, b.discharged, b.planned_today as "plannedToday",
           b.free_total as "freeTotal", b.free_male as "freeMale", b.free_female as "freeFemale",
           b.free_adult as "freeAdult", b.free_child as "freeChild", b.forecast, b.received_at as "receivedAt",
           b.change_seq::text as "changeSeq"
    from hosp.free_beds b
    left join org.organisation mo on mo.code = b.mo_code
    left join org.department d on d.mo_code = b.mo_code and d.code = b.department_code
    left join lateral nsi.record_name_on('V020', b.bed_profile_v020::text, b.report_date) v020 on true
    left join lateral nsi.record_name_on('V002', coalesce(b.profile_v002, d.profile_v002)::text, b.report_date) v002
      on true
    where ${where}
    order by ${order}
    limit ${limit}`;
}
