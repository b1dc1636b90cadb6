import { type AdmissionFacts, admissionRules } from '../domain/admission-checks';
import { AdmissionRecord } from '../domain/records';
import { hospKind, jsonRows } from './kind-handler';

/**
 * T2/T3: planned and emergency admissions. The write, in one statement: new stays inserted (a source id taken
 * meanwhile by a concurrent package: nothing, answered null), re-sent ones updated where they differ (the same
 * record again changes nothing), the stays' history, the hospital's link to the person, and the referrals they
 * admit on (still issued) become admitted, with their history.
 */
export const admissionHandler = hospKind<AdmissionRecord, AdmissionFacts>(
  AdmissionRecord,
  admissionRules,
  async (ctx, who, items) => {
    const rows = items.map(({ record: a, facts, packageRef }, ord) => ({
      ord,
      package_ref: packageRef,
      existing_id: facts.existing?.id ?? null,
      source_id: a.sourceId,
      kind: a.kind,
      referral_id: facts.referral?.id ?? null,
      referral_number: a.referralNumber ?? null,
      referral_date: a.referralDate ?? null,
      mo_code: a.moCode,
      department_code: a.departmentCode,
      form_v014: a.form,
      conditions_v006: a.conditions,
      profile_v002: a.profile,
      bed_profile_v020: a.bedProfile,
      admitted_on: a.date,
      admitted_time: a.time ?? null,
      case_number: a.caseNumber,
      diagnosis: a.diagnosis,
      person_id: facts.personId,
      smo_code: facts.smoCode,
      referring_mo_code: facts.referral?.fromMoCode ?? null,
    }));
    const tx = ctx.tx;
    // The referrals these stays admit on that are still issued: they become admitted.
    const issued = items.flatMap(({ facts }) =>
      facts.referral?.status === 'issued' ? [facts.referral.id] : [],
    );
    const [result] = await tx<{ created: [string, string][]; referrals: string[] | null }[]>`
      with input as (
        select * from json_to_recordset(${jsonRows(rows)}::text::json) as t(
          ord int, package_ref bigint, existing_id bigint, source_id text, kind text, referral_id bigint,
          referral_number text, referral_date date, mo_code text, department_code text, form_v014 smallint,
          conditions_v006 smallint, profile_v002 integer, bed_profile_v020 integer, admitted_on date,
          admitted_time text, case_number text, diagnosis text, person_id bigint, smo_code text,
          referring_mo_code text)
      ), created as (
        insert into hosp.stay (sender_code, source_id, package_ref, kind, referral_id, referral_number,
                               referral_date, mo_code, department_code, form_v014, conditions_v006, profile_v002,
                               bed_profile_v020, admitted_on, admitted_time, case_number, diagnosis, person_id,
                               smo_code, referring_mo_code)
        select ${who.orgCode}, source_id, package_ref, kind, referral_id, referral_number, referral_date, mo_code,
               department_code, form_v014, conditions_v006, profile_v002, bed_profile_v020, admitted_on,
               admitted_time, case_number, diagnosis, person_id, smo_code, referring_mo_code
        from input where existing_id is null order by ord
        on conflict do nothing
        returning id, source_id, kind, referral_id, department_code, person_id, mo_code, smo_code,
                  referring_mo_code
      ), changed as (
        update hosp.stay s
        set kind = i.kind, referral_id = i.referral_id, referral_number = i.referral_number,
            referral_date = i.referral_date, mo_code = i.mo_code, department_code = i.department_code,
            form_v014 = i.form_v014, conditions_v006 = i.conditions_v006, profile_v002 = i.profile_v002,
            bed_profile_v020 = i.bed_profile_v020, admitted_on = i.admitted_on, admitted_time = i.admitted_time,
            case_number = i.case_number, diagnosis = i.diagnosis, person_id = i.person_id, smo_code = i.smo_code,
            referring_mo_code = i.referring_mo_code, package_ref = i.package_ref, updated_at = now(),
            change_seq = nextval('hosp.change_seq')
        from input i
        where i.existing_id is not null and s.id = i.existing_id
          and (s.kind, s.referral_id, s.referral_number, s.referral_date, s.department_code, s.form_v014,
               s.conditions_v006, s.profile_v002, s.bed_profile_v020, s.admitted_on, s.admitted_time,
               s.case_number, s.diagnosis, s.person_id)
              is distinct from
              (i.kind, i.referral_id, i.referral_number, i.referral_date, i.department_code, i.form_v014,
               i.conditions_v006, i.profile_v002, i.bed_profile_v020, i.admitted_on, i.admitted_time,
               i.case_number, i.diagnosis, i.person_id)
        returning s.id, s.source_id, s.kind, s.referral_id, s.department_code, s.person_id, s.mo_code, s.smo_code,
                  s.referring_mo_code
      ), written as (
        select *, true as created from created
        union all
        select *, false from changed
      ), events as (
        insert into hosp.event (entity, entity_id, event, org_code, username, channel, details, person_id,
                                from_mo_code, to_mo_code, smo_code)
        select entity, entity_id, event, app.org_code(), app.username(), app.channel(), details, person_id,
               referring_mo_code, mo_code, smo_code
        from (
          select id as stay_id, 1 as seq, 'stay' as entity, id as entity_id,
                 case when not created then 'updated' when kind = 'emergency' then 'emergency_admitted'
                      else 'admitted' end as event,
                 jsonb_build_object('departmentCode', department_code,
                                    'waitingForReferral', kind = 'planned' and referral_id is null) as details,
                 person_id, referring_mo_code, mo_code, smo_code
          from written
          union all
          select id, 2, 'referral', referral_id, 'admitted', jsonb_build_object('stayId', id::text),
                 person_id, referring_mo_code, mo_code, smo_code
          from written where referral_id = any(${issued}::bigint[])
        ) e
        order by stay_id, seq
        returning entity, entity_id
      )
      select
        (select coalesce(json_agg(json_build_array(source_id, id::text)), '[]') from created) as created,
        (select app.link_persons(array_agg(person_id), array_agg(mo_code), 'stay') from written where created)
          as linked,
        (select array_agg(id::text) from hosp.set_referral_statuses(
           (select array_agg(entity_id) filter (where entity = 'referral') from events), 'admitted') id)
          as referrals`;
    const created = new Map(result!.created);
    const ids = items.map(({ record, facts }) => facts.existing?.id ?? created.get(record.sourceId) ?? null);
    // The referrals admitted on, each to the stay whose record admitted it.
    const itemOf = new Map(items.map(({ facts }, item) => [facts.referral?.id, item]));
    return {
      ids,
      also: (result!.referrals ?? []).map((record) => ({ item: itemOf.get(record)!, record })),
    };
  },
);
