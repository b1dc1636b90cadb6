import { type ResolutionRow, toResolution } from '../../person/db/identity-resolution';
import { type FactAnswers, type FactNeeds, type HospFacts, hospFacts } from '../domain/package-facts';
import type { HospContext } from './lookups';

/**
 * Answers what the checks of a set of records look up (`FactNeeds`), in one statement: today in Moscow, the
 * settings, the bed-profile rules and every dated version of the directory codes involved, the organisations and
 * departments (with their bed fund), referrals by number across scopes (`hosp.referrals_by_number`; who cancelled
 * them where the caller is a party), the sender's own referrals and stays by source id, and each patient resolved
 * against the register (`person.resolve_identities`). Row-level security applies as for any query of the
 * caller.
 */
export async function loadHospFacts(
  ctx: HospContext,
  senderCode: string,
  needs: FactNeeds,
): Promise<HospFacts> {
  const tx = ctx.tx;
  const codes = [...needs.codes.values()];
  const departments = [...needs.departments.values()];
  const identities = [...needs.identities.entries()];
  const column = <T>(rows: T[][], i: number) => rows.map((r) => r[i] ?? null);
  const identity = (key: keyof (typeof identities)[number][1]) => identities.map(([, i]) => i[key] ?? null);
  const [answers] = await tx<(Omit<FactAnswers, 'identities'> & { identities: [string, ResolutionRow][] })[]>`
    select
      (now() at time zone 'Europe/Moscow')::date::text as today,
      (select coalesce(json_object_agg(key, value), '{}') from hosp.setting) as settings,
      (select coalesce(json_agg(json_build_array(bed_profile_v020, profile_v002)), '[]')
       from hosp.bed_profile_rule where bed_profile_v020 = any(${[...needs.bedProfiles]}::int[])) as "bedRules",
      (select coalesce(json_agg(json_build_array(n.directory_code, n.code, n.date_beg, n.date_end)), '[]')
       from unnest(${column(codes, 0)}::text[], ${column(codes, 1)}::text[]) q(directory, code)
       join nsi.record n on n.directory_code = q.directory and n.code = q.code) as nsi,
      (select coalesce(json_agg(json_build_array(code, kind)), '[]')
       from org.organisation where code = any(${[...needs.organisations]}::text[])) as organisations,
      (select coalesce(json_agg(json_build_object(
                'moCode', d.mo_code, 'code', d.code, 'profile', d.profile_v002, 'conditions', d.conditions_v006,
                'closed', d.date_end is not null and d.date_end < current_date,
                'beds', coalesce((select json_agg(json_build_array(b.bed_profile_v020, b.beds))
                                  from org.department_bed b where b.department_id = d.id), '[]'))), '[]')
       from unnest(${column(departments, 0)}::text[], ${column(departments, 1)}::text[]) q(mo_code, code)
       join org.department d on d.mo_code = q.mo_code and d.code = q.code) as departments,
      (select coalesce(json_agg(json_build_object(
                'id', r.id::text, 'number', r.number, 'senderCode', r.sender_code, 'sourceId', r.source_id,
                'toMoCode', r.to_mo_code, 'fromMoCode', r.from_mo_code, 'status', r.status,
                'referralDate', r.referral_date, 'validUntil', r.valid_until, 'personId', r.person_id::text,
                'smoCode', r.smo_code, 'cancelSourceId', r.cancel_source_id,
                'cancelOrgCode', r.cancel_org_code)), '[]')
       from hosp.referrals_by_number(${[...needs.referralNumbers]}::text[]) r) as referrals,
      (select coalesce(json_agg(json_build_object(
                'sourceId', source_id, 'id', id::text, 'personId', person_id::text, 'number', number,
                'date', referral_date, 'form', form_v014, 'fromDepartmentCode', from_department_code,
                'toMoCode', to_mo_code, 'toDepartmentCode', to_department_code, 'conditions', conditions_v006,
                'profile', profile_v002, 'bedProfile', bed_profile_v020, 'diagnosis', diagnosis,
                'doctorSnils', doctor_snils, 'plannedDate', planned_date, 'kind', kind, 'vmp', vmp)), '[]')
       from hosp.referral
       where sender_code = ${senderCode} and source_id = any(${[...needs.ownReferrals]}::text[])) as "ownReferrals",
      (select coalesce(json_agg(json_build_object(
                'sourceId', source_id, 'id', id::text, 'referralId', referral_id::text,
                'personId', person_id::text)), '[]')
       from hosp.stay
       where sender_code = ${senderCode} and source_id = any(${[...needs.ownStaysBySource]}::text[]))
        as "ownStaysBySource",
      (select coalesce(json_agg(json_build_object(
                'sourceId', s.source_id, 'id', s.id::text, 'admittedOn', s.admitted_on,
                'dischargedOn', s.discharged_on, 'dischargeSourceId', s.discharge_source_id,
                'referralId', s.referral_id::text, 'personId', s.person_id::text, 'moCode', s.mo_code,
                'referringMoCode', s.referring_mo_code, 'smoCode', s.smo_code, 'sex', p.sex)), '[]')
       from hosp.stay s left join person.person p on p.id = s.person_id
       where s.sender_code = ${senderCode} and s.mo_code = ${senderCode}
         and s.source_id = any(${[...needs.ownStays]}::text[])) as "ownStays",
      (select coalesce(json_agg(json_build_array(r.key, json_build_object(
                'person_id', r.person_id::text, 'method', r.method, 'candidates', r.candidates,
                'mismatch', r.mismatch, 'policy_type', r.policy_type, 'policy_number', r.policy_number,
                'smo_code', r.smo_code, 'policy_date_beg', r.policy_date_beg,
                'policy_date_end', r.policy_date_end, 'sex', r.sex))), '[]')
       from person.resolve_identities(
              ${identities.map(([key]) => key)}::text[], ${identity('enp')}::text[], ${identity('snils')}::text[],
              ${identity('fam')}::text[], ${identity('im')}::text[], ${identity('ot')}::text[],
              ${identity('birthDate')}::date[], ${identity('docSer')}::text[], ${identity('docNum')}::text[],
              ${identity('onDate')}::date[], true) r) as identities`;
  const a = answers!;
  return hospFacts(
    { ...a, identities: a.identities.map(([key, row]) => [key, toResolution(row)]) },
    ctx.rules,
    ctx.sexRules,
  );
}
