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
  toMoCode: string;
  toMoName: string | null;
  toDepartmentCode: string | null;
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
    reason: number;
    reasonName: string;
    date: string;
    comment: string | null;
  } | null;
  admission: {
    id: string;
    date: string;
    departmentCode: string;
    caseNumber: string;
    dischargeDate: string | null;
  } | null;
  changeSeq: string;
}

/** Referrals as the API shows them; `where` and `order` narrow them (row-level security scopes them anyway). */
export function selectReferrals(tx: Tx, where: Fragment, order: Fragment, limit: number, offset = 0) {
  return tx<ReferralView[]>`
    select r.id::text, r.source_id as "sourceId", r.sender_code as "senderCode", r.number,
           r.referral_date as date, r.form_v014 as form,
           r.from_mo_code as "fromMoCode", fm.short_name as "fromMoName", r.from_department_code as "fromDepartmentCode",
           r.to_mo_code as "toMoCode", tm.short_name as "toMoName", r.to_department_code as "toDepartmentCode",
           r.conditions_v006 as conditions, r.profile_v002 as profile,
           nsi.name_on('V002', r.profile_v002::text, r.referral_date) as "profileName",
           r.bed_profile_v020 as "bedProfile",
           nsi.name_on('V020', r.bed_profile_v020::text, r.referral_date) as "bedProfileName",
           r.diagnosis, nsi.name_on('MKB10', r.diagnosis, r.referral_date) as "diagnosisName",
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
             'orgCode', r.cancel_org_code, 'reason', r.cancel_reason, 'reasonName', (${reasonNames}::text[])[r.cancel_reason],
             'date', r.cancel_date, 'comment', r.cancel_comment) end as cancellation,
           case when s.id is null then null else json_build_object(
             'id', s.id::text, 'date', s.admitted_on, 'departmentCode', s.department_code,
             'caseNumber', s.case_number, 'dischargeDate', s.discharged_on) end as admission,
           r.change_seq::text as "changeSeq"
    from hosp.referral r
    left join org.organisation fm on fm.code = r.from_mo_code
    left join org.organisation tm on tm.code = r.to_mo_code
    left join org.organisation smo on smo.code = r.smo_code
    left join person.person p on p.id = r.person_id
    left join lateral (select * from hosp.stay x where x.referral_id = r.id order by x.admitted_on desc limit 1) s on true
    where ${where}
    order by ${order}
    limit ${limit} offset ${offset}`;
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
  discharge: { date: string; outcome: number; outcomeName: string } | null;
  movements: { departmentCode: string; profile: number; bedProfile: number; date: string }[];
  changeSeq: string;
}

const outcomeNames = ['Выздоровление, улучшение', 'Без перемен, ухудшение', 'Смерть', 'Перевод в другую МО'];

export function selectAdmissions(tx: Tx, where: Fragment, order: Fragment, limit: number, offset = 0) {
  return tx<AdmissionView[]>`
    select s.id::text, s.source_id as "sourceId", s.kind, s.referral_id::text as "referralId",
           s.referral_number as "referralNumber",
           case when s.referral_id is not null then 'matched'
                when s.kind = 'planned' then 'awaiting_referral' else 'none' end as "matchStatus",
           s.mo_code as "moCode", mo.short_name as "moName", s.department_code as "departmentCode",
           d.name as "departmentName", s.form_v014 as form, s.conditions_v006 as conditions,
           s.profile_v002 as profile, nsi.name_on('V002', s.profile_v002::text, s.admitted_on) as "profileName",
           s.bed_profile_v020 as "bedProfile",
           nsi.name_on('V020', s.bed_profile_v020::text, s.admitted_on) as "bedProfileName",
           s.admitted_on as date, s.admitted_time as time, s.case_number as "caseNumber", s.diagnosis,
           nsi.name_on('MKB10', s.diagnosis, s.admitted_on) as "diagnosisName",
           case when p.id is null then null else json_build_object(
             'id', p.id::text, 'enp', p.enp, 'fam', p.fam, 'im', p.im, 'ot', p.ot, 'birthDate', p.birth_date,
             'sex', p.sex) end as person,
           s.smo_code as "smoCode", smo.short_name as "smoName", s.referring_mo_code as "referringMoCode",
           case when s.discharged_on is null then null else json_build_object(
             'date', s.discharged_on, 'outcome', s.outcome, 'outcomeName', (${outcomeNames}::text[])[s.outcome]) end
             as discharge,
           coalesce((select json_agg(json_build_object('departmentCode', m.department_code, 'profile', m.profile_v002,
                                                       'bedProfile', m.bed_profile_v020, 'date', m.moved_on)
                                     order by m.moved_on, m.id)
                     from hosp.movement m where m.stay_id = s.id), '[]'::json) as movements,
           s.change_seq::text as "changeSeq"
    from hosp.stay s
    left join org.organisation mo on mo.code = s.mo_code
    left join org.department d on d.mo_code = s.mo_code and d.code = s.department_code
    left join org.organisation smo on smo.code = s.smo_code
    left join person.person p on p.id = s.person_id
    where ${where}
    order by ${order}
    limit ${limit} offset ${offset}`;
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
           b.bed_profile_v020 as "bedProfile",
           nsi.name_on('V020', b.bed_profile_v020::text, b.report_date) as "bedProfileName",
           coalesce(b.profile_v002, d.profile_v002) as profile,
           nsi.name_on('V002', coalesce(b.profile_v002, d.profile_v002)::text, b.report_date) as "profileName",
           b.occupied_at_start as "occupiedAtStart", b.admitted, b.discharged, b.planned_today as "plannedToday",
           b.free_total as "freeTotal", b.free_male as "freeMale", b.free_female as "freeFemale",
           b.free_adult as "freeAdult", b.free_child as "freeChild", b.forecast, b.received_at as "receivedAt",
           b.change_seq::text as "changeSeq"
    from hosp.free_beds b
    left join org.organisation mo on mo.code = b.mo_code
    left join org.department d on d.mo_code = b.mo_code and d.code = b.department_code
    where ${where}
    order by ${order}
    limit ${limit}`;
}
