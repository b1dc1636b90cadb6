import { type FlkIssue, fire } from '../../platform/flk/issue';
import { AdmissionRecord } from '../domain/records';
import {
  bedProfileIssues,
  codeIssues,
  departmentIssues,
  futureIssues,
  orderIssues,
  patientChecks,
} from './common-checks';
import { type KindHandler, recordEvent } from './kind-handler';
import type { ReferralByNumber } from './lookups';

interface AdmissionFacts {
  personId: string;
  smoCode: string | null;
  referral: ReferralByNumber | null;
  existing: { id: string; referralId: string | null } | null;
}

const plannedForm = 3;

/**
 * T2/T3: a planned admission by referral or an emergency one. A planned admission whose referral has not
 * arrived yet is accepted and waits (warning HOSP.REF.PENDING); the referral matches it when it comes.
 */
export const admissionHandler: KindHandler<AdmissionRecord, AdmissionFacts> = {
  schema: AdmissionRecord,

  async check(ctx, who, a) {
    const issues: FlkIssue[] = [];
    if (a.moCode !== who.orgCode) issues.push(...fire(ctx.rules, 'HOSP.SENDER', a.moCode, 'moCode'));
    issues.push(
      ...(await codeIssues(ctx, a.date, {
        form: a.form,
        conditions: a.conditions,
        profile: a.profile,
        bedProfile: a.bedProfile,
        diagnosis: a.diagnosis,
      })),
    );
    if (a.kind === 'emergency' && a.form === plannedForm) {
      issues.push(...fire(ctx.rules, 'HOSP.FORM.EMERGENCY', String(a.form), 'form'));
    }
    issues.push(...(await bedProfileIssues(ctx, a.bedProfile, a.profile)));
    issues.push(
      ...(
        await departmentIssues(ctx, a.moCode, a.departmentCode, a.bedProfile, {
          mo: 'moCode',
          department: 'departmentCode',
        })
      ).issues,
    );
    issues.push(...futureIssues(ctx, a.date, 'date'));
    let referral: ReferralByNumber | null = null;
    if (a.kind === 'planned') {
      if (!a.referralNumber) {
        issues.push({
          rule: 'FORMAT',
          code: '902',
          severity: 'error',
          field: 'referralNumber',
          message: 'Для плановой госпитализации обязателен номер направления',
        });
      } else {
        referral = await ctx.referralByNumber(a.referralNumber);
        issues.push(...referralIssues(ctx, a, referral, who.orgCode));
      }
    }
    const [existing] = await ctx.tx<{ id: string; referralId: string | null; personId: string }[]>`
      select id::text, referral_id::text as "referralId", person_id::text as "personId" from hosp.stay
      where sender_code = ${who.orgCode} and source_id = ${a.sourceId}`;
    if (
      referral &&
      ['admitted', 'discharged'].includes(referral.status) &&
      existing?.referralId !== referral.id
    ) {
      issues.push(...fire(ctx.rules, 'HOSP.REF.STATE', referral.status, 'referralNumber'));
    }
    const patient = await patientChecks(ctx, a, existing?.personId);
    issues.push(...patient.issues);
    const { personId, smoCode } = patient;
    return { issues, facts: { personId, smoCode, referral, existing: existing ?? null } };
  },

  async write(ctx, who, a, facts, packageRef) {
    const tx = ctx.tx;
    const referral = facts.referral;
    const values = {
      kind: a.kind,
      referral_id: referral?.id ?? null,
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
      referring_mo_code: referral?.fromMoCode ?? null,
    };
    let id: string;
    if (facts.existing) {
      id = facts.existing.id;
      const [changed] = await tx<{ id: string }[]>`
        update hosp.stay set ${tx(values)}, package_ref = ${packageRef}, updated_at = now(),
               change_seq = nextval('hosp.change_seq')
        where id = ${id}
          and (kind, referral_id, referral_number, referral_date, department_code, form_v014, conditions_v006,
               profile_v002, bed_profile_v020, admitted_on, admitted_time, case_number, diagnosis, person_id)
              is distinct from
              (${values.kind}, ${values.referral_id}::bigint, ${values.referral_number}, ${values.referral_date}::date,
               ${values.department_code}, ${values.form_v014}::smallint, ${values.conditions_v006}::smallint,
               ${values.profile_v002}::int, ${values.bed_profile_v020}::int, ${values.admitted_on}::date,
               ${values.admitted_time}, ${values.case_number}, ${values.diagnosis}, ${values.person_id}::bigint)
        returning id::text`;
      if (!changed) return id; // the same record again: a no-op
    } else {
      const [row] = await tx<{ id: string }[]>`
        insert into hosp.stay ${tx({ ...values, sender_code: who.orgCode, source_id: a.sourceId, package_ref: packageRef })}
        returning id::text`;
      id = row!.id;
      await tx`select app.link_person(${facts.personId}, ${a.moCode}, 'stay')`;
    }
    const scope = {
      personId: facts.personId,
      fromMoCode: referral?.fromMoCode ?? null,
      toMoCode: a.moCode,
      smoCode: facts.smoCode,
    };
    await recordEvent(tx, {
      ...scope,
      entity: 'stay',
      entityId: id,
      event: facts.existing ? 'updated' : a.kind === 'emergency' ? 'emergency_admitted' : 'admitted',
      details: { departmentCode: a.departmentCode, waitingForReferral: a.kind === 'planned' && !referral },
    });
    if (referral && referral.status === 'issued') {
      await tx`select hosp.set_referral_status(${referral.id}, 'admitted')`;
      await recordEvent(tx, {
        ...scope,
        entity: 'referral',
        entityId: referral.id,
        event: 'admitted',
        details: { stayId: id },
      });
    }
    return id;
  },
};

function referralIssues(
  ctx: Parameters<KindHandler<AdmissionRecord, AdmissionFacts>['check']>[0],
  a: AdmissionRecord,
  referral: ReferralByNumber | null,
  orgCode: string,
): FlkIssue[] {
  if (!referral) return fire(ctx.rules, 'HOSP.REF.PENDING', a.referralNumber, 'referralNumber');
  if (referral.toMoCode !== orgCode)
    return fire(ctx.rules, 'HOSP.REF.OTHER_MO', a.referralNumber, 'referralNumber');
  const issues: FlkIssue[] = [];
  if (referral.status === 'cancelled')
    issues.push(...fire(ctx.rules, 'HOSP.REF.STATE', referral.status, 'referralNumber'));
  if (a.referralDate && a.referralDate !== referral.referralDate) {
    issues.push(...fire(ctx.rules, 'HOSP.REF.DATE', a.referralDate, 'referralDate'));
  }
  issues.push(...orderIssues(ctx, referral.referralDate, a.date, 'date'));
  if (a.date > referral.validUntil && referral.status === 'issued') {
    issues.push(...fire(ctx.rules, 'HOSP.REF.EXPIRED', a.date, 'date'));
  }
  return issues;
}
