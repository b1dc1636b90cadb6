import { ReferralRecord } from '../domain/records';
import { type ReferralFacts, referralFieldRules, referralRules } from '../domain/referral-checks';
import { hospKind, jsonRows } from './kind-handler';

/**
 * T1: a referral for planned hospitalisation (incl. ВМП with its талон). The write, in one statement: new
 * referrals inserted (a number or source id taken meanwhile by a concurrent package: nothing, answered null),
 * re-sent ones updated where they differ, their history (`created`, `updated`), the links of both МО to the
 * person, and the planned stays that waited for a new referral matched to it.
 */
export const referralHandler = hospKind<ReferralRecord, ReferralFacts>(
  ReferralRecord,
  referralRules,
  async (ctx, who, items) => {
    const tx = ctx.tx;
    // The same record again for a referral that has moved on: accepted as it is, nothing written.
    const ids: (string | null)[] = items.map(({ facts }) =>
      facts.unchanged && facts.existingId ? facts.existingId : null,
    );
    const rows = items.flatMap(({ record: r, facts, packageRef }, ord) =>
      ids[ord]
        ? []
        : [
            {
              ord,
              package_ref: packageRef,
              existing_id: facts.existingId,
              source_id: r.sourceId,
              number: r.number,
              referral_date: r.date,
              form_v014: r.form,
              from_mo_code: r.fromMoCode,
              from_department_code: r.fromDepartmentCode ?? null,
              to_mo_code: r.toMoCode,
              to_department_code: r.toDepartmentCode ?? null,
              conditions_v006: r.conditions,
              profile_v002: r.profile,
              bed_profile_v020: r.bedProfile,
              diagnosis: r.diagnosis,
              doctor_snils: r.doctorSnils,
              planned_date: r.plannedDate,
              valid_until: facts.validUntil,
              kind: r.kind,
              vmp: r.vmp ?? null,
              person_id: facts.personId,
              smo_code: facts.smoCode,
              phone: r.patient.phone ?? null,
            },
          ],
    );
    if (rows.length === 0) return { ids };
    const [result] = await tx<{ created: [string, string][]; matched: [string, string, string][] }[]>`
      with input as (
        select * from json_to_recordset(${jsonRows(rows)}::text::json) as t(
          ord int, package_ref bigint, existing_id bigint, source_id text, number text, referral_date date,
          form_v014 smallint, from_mo_code text, from_department_code text, to_mo_code text, to_department_code text,
          conditions_v006 smallint, profile_v002 integer, bed_profile_v020 integer, diagnosis text,
          doctor_snils text, planned_date date, valid_until date, kind text, vmp jsonb, person_id bigint,
          smo_code text, phone text)
      ), created as (
        insert into hosp.referral (sender_code, source_id, package_ref, number, referral_date, form_v014,
                                   from_mo_code, from_department_code, to_mo_code, to_department_code,
                                   conditions_v006, profile_v002, bed_profile_v020, diagnosis, doctor_snils,
                                   planned_date, valid_until, kind, vmp, person_id, smo_code, phone)
        select ${who.orgCode}, source_id, package_ref, number, referral_date, form_v014, from_mo_code,
               from_department_code, to_mo_code, to_department_code, conditions_v006, profile_v002,
               bed_profile_v020, diagnosis, doctor_snils, planned_date, valid_until, kind, vmp, person_id,
               smo_code, phone
        from input where existing_id is null order by ord
        on conflict do nothing
        returning id, source_id, number, person_id, from_mo_code, to_mo_code, smo_code
      ), changed as (
        update hosp.referral r
        set number = i.number, referral_date = i.referral_date, form_v014 = i.form_v014,
            from_mo_code = i.from_mo_code, from_department_code = i.from_department_code,
            to_mo_code = i.to_mo_code, to_department_code = i.to_department_code,
            conditions_v006 = i.conditions_v006, profile_v002 = i.profile_v002,
            bed_profile_v020 = i.bed_profile_v020, diagnosis = i.diagnosis, doctor_snils = i.doctor_snils,
            planned_date = i.planned_date, valid_until = i.valid_until, kind = i.kind, vmp = i.vmp,
            person_id = i.person_id, smo_code = i.smo_code, phone = i.phone, package_ref = i.package_ref,
            updated_at = now(), change_seq = nextval('hosp.change_seq')
        from input i
        where i.existing_id is not null and r.id = i.existing_id
          and (r.number, r.referral_date, r.form_v014, r.from_department_code, r.to_mo_code,
               r.to_department_code, r.conditions_v006, r.profile_v002, r.bed_profile_v020, r.diagnosis,
               r.doctor_snils, r.planned_date, r.kind, r.vmp, r.person_id, r.phone)
              is distinct from
              (i.number, i.referral_date, i.form_v014, i.from_department_code, i.to_mo_code,
               i.to_department_code, i.conditions_v006, i.profile_v002, i.bed_profile_v020, i.diagnosis,
               i.doctor_snils, i.planned_date, i.kind, i.vmp, i.person_id, i.phone)
        returning r.id, r.person_id, r.from_mo_code, r.to_mo_code, r.smo_code
      ), written as (
        select c.id, c.source_id, 'created' as event, jsonb_build_object('number', c.number) as details,
               c.person_id, c.from_mo_code, c.to_mo_code, c.smo_code
        from created c
        union all
        select id, null, 'updated', null, person_id, from_mo_code, to_mo_code, smo_code from changed
      ), events as (
        insert into hosp.event (entity, entity_id, event, org_code, username, channel, details, person_id,
                                from_mo_code, to_mo_code, smo_code)
        select 'referral', id, event, app.org_code(), app.username(), app.channel(), details, person_id,
               from_mo_code, to_mo_code, smo_code
        from written order by id
        returning entity_id, event
      )
      select
        (select coalesce(json_agg(json_build_array(source_id, id::text)), '[]') from created) as created,
        (select app.link_persons(array_agg(l.person_id), array_agg(l.org_code), 'referral')
         from (select person_id, from_mo_code as org_code from created
               union all select person_id, to_mo_code from created) l) as linked,
        -- after the history's own rows (the events are read first), so a referral's «matched» follows its «created»
        (select coalesce(json_agg(json_build_array(m.stay_id::text, m.person_id::text, m.referral_id::text)), '[]')
         from hosp.match_waiting_stays_of(
                (select array_agg(entity_id) filter (where event = 'created') from events)) m) as matched`;
    const created = new Map(result!.created);
    for (const row of rows) ids[row.ord] = row.existing_id ?? created.get(row.source_id) ?? null;
    const itemOf = new Map(ids.map((id, item) => [id, item]));
    return {
      ids,
      also: result!.matched.map(([record, person, referral]) => ({
        item: itemOf.get(referral)!,
        record,
        person,
      })),
    };
  },
  referralFieldRules,
);
