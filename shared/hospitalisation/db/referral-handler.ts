import { checkSnils } from '../../person/domain/snils';
import type { Tx } from '../../platform/db/connection';
import { type FlkIssue, fire } from '../../platform/flk/issue';
import { addDays } from '../domain/dates';
import { ReferralRecord } from '../domain/records';
import {
  bedProfileIssues,
  codeIssues,
  departmentIssues,
  futureIssues,
  orderIssues,
  patientChecks,
} from './common-checks';
import { type KindHandler, recordEvent } from './kind-handler';

interface ReferralFacts {
  personId: string;
  smoCode: string | null;
  existingId: string | null;
  /** The same record again for a referral that has moved on (admitted, cancelled…): accepted, nothing changes. */
  unchanged: boolean;
}

/** T1: a referral for planned hospitalisation (incl. ВМП with its талон). */
export const referralHandler: KindHandler<ReferralRecord, ReferralFacts> = {
  schema: ReferralRecord,

  async check(ctx, who, r) {
    const issues: FlkIssue[] = [];
    if (r.fromMoCode !== who.orgCode)
      issues.push(...fire(ctx.rules, 'HOSP.SENDER', r.fromMoCode, 'fromMoCode'));
    issues.push(
      ...(await codeIssues(ctx, r.date, {
        form: r.form,
        conditions: r.conditions,
        profile: r.profile,
        bedProfile: r.bedProfile,
        diagnosis: r.diagnosis,
      })),
    );
    issues.push(...(await bedProfileIssues(ctx, r.bedProfile, r.profile)));
    const target = await departmentIssues(ctx, r.toMoCode, r.toDepartmentCode, r.bedProfile, {
      mo: 'toMoCode',
      department: 'toDepartmentCode',
    });
    issues.push(...target.issues);
    issues.push(...futureIssues(ctx, r.date, 'date'));
    issues.push(...orderIssues(ctx, r.date, r.plannedDate, 'plannedDate'));
    if (checkSnils(r.doctorSnils) !== null) {
      issues.push(...fire(ctx.rules, 'HOSP.DOCTOR.SNILS', r.doctorSnils, 'doctorSnils'));
    }
    if (r.kind === 'vmp' && !r.vmp) issues.push(...fire(ctx.rules, 'HOSP.VMP.TALON', undefined, 'vmp'));
    const owner = await ctx.referralByNumber(r.number);
    const existing =
      owner && owner.senderCode === who.orgCode && owner.sourceId === r.sourceId ? owner : null;
    if (owner && !existing) issues.push(...fire(ctx.rules, 'HOSP.REF.DUPLICATE', r.number, 'number'));
    const [stored] = await ctx.tx<{ personId: string }[]>`
      select person_id::text as "personId" from hosp.referral
      where sender_code = ${who.orgCode} and source_id = ${r.sourceId}`;
    const patient = await patientChecks(ctx, r, stored?.personId);
    issues.push(...patient.issues);
    const { personId, smoCode } = patient;
    let unchanged = false;
    if (existing && existing.status !== 'issued') {
      unchanged = personId !== '' && (await sameReferral(ctx.tx, existing.id, r, personId));
      if (!unchanged) issues.push(...fire(ctx.rules, 'HOSP.REF.STATE', existing.status, 'number'));
    }
    return { issues, facts: { personId, smoCode, existingId: existing?.id ?? null, unchanged } };
  },

  async write(ctx, who, r, facts, packageRef) {
    if (facts.unchanged && facts.existingId) return facts.existingId;
    const tx = ctx.tx;
    const validUntil = addDays(r.date, await ctx.setting('referral_validity_days'));
    const values = {
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
      valid_until: validUntil,
      kind: r.kind,
      vmp: r.vmp ? (tx.json(r.vmp as never) as unknown as string) : null,
      person_id: facts.personId,
      smo_code: facts.smoCode,
      phone: r.patient.phone ?? null,
    };
    let id: string;
    if (facts.existingId) {
      const [changed] = await tx<{ id: string }[]>`
        update hosp.referral set ${tx(values)}, package_ref = ${packageRef}, updated_at = now(),
               change_seq = nextval('hosp.change_seq')
        where id = ${facts.existingId}
          and (number, referral_date, form_v014, from_department_code, to_mo_code, to_department_code,
               conditions_v006, profile_v002, bed_profile_v020, diagnosis, doctor_snils, planned_date, kind, vmp,
               person_id, phone)
              is distinct from
              (${values.number}, ${values.referral_date}::date, ${values.form_v014}::smallint,
               ${values.from_department_code}, ${values.to_mo_code}, ${values.to_department_code},
               ${values.conditions_v006}::smallint, ${values.profile_v002}::int, ${values.bed_profile_v020}::int,
               ${values.diagnosis}, ${values.doctor_snils}, ${values.planned_date}::date, ${values.kind},
               ${r.vmp ? tx.json(r.vmp as never) : null}::jsonb, ${values.person_id}::bigint, ${values.phone})
        returning id::text`;
      id = facts.existingId;
      if (!changed) return id; // the same record again: a no-op
      await recordEvent(tx, {
        entity: 'referral',
        entityId: id,
        event: 'updated',
        personId: facts.personId,
        fromMoCode: r.fromMoCode,
        toMoCode: r.toMoCode,
        smoCode: facts.smoCode,
      });
    } else {
      const [row] = await tx<{ id: string }[]>`
        insert into hosp.referral ${tx({ ...values, sender_code: who.orgCode, source_id: r.sourceId, package_ref: packageRef })}
        returning id::text`;
      id = row!.id;
      await recordEvent(tx, {
        entity: 'referral',
        entityId: id,
        event: 'created',
        personId: facts.personId,
        fromMoCode: r.fromMoCode,
        toMoCode: r.toMoCode,
        smoCode: facts.smoCode,
        details: { number: r.number },
      });
      await tx`select app.link_person(${facts.personId}, ${r.fromMoCode}, 'referral'),
                      app.link_person(${facts.personId}, ${r.toMoCode}, 'referral')`;
      // An admission that arrived first waits for this referral: match it now.
      await tx`select hosp.match_waiting_stays(${id})`;
    }
    return id;
  },
};

/** Does the stored referral say exactly what this record says? */
async function sameReferral(tx: Tx, id: string, r: ReferralRecord, personId: string): Promise<boolean> {
  const [row] = await tx<{ same: boolean }[]>`
    select (number, referral_date, form_v014, from_department_code, to_mo_code, to_department_code, conditions_v006,
            profile_v002, bed_profile_v020, diagnosis, doctor_snils, planned_date, kind, vmp, person_id)
           is not distinct from
           (${r.number}, ${r.date}::date, ${r.form}::smallint, ${r.fromDepartmentCode ?? null}, ${r.toMoCode},
            ${r.toDepartmentCode ?? null}, ${r.conditions}::smallint, ${r.profile}::int, ${r.bedProfile}::int,
            ${r.diagnosis}, ${r.doctorSnils}, ${r.plannedDate}::date, ${r.kind},
            ${r.vmp ? tx.json(r.vmp as never) : null}::jsonb, ${personId}::bigint) as same
    from hosp.referral where id = ${id}`;
  return row?.same ?? false;
}
