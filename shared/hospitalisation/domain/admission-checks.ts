import { type FlkIssue, fire } from '../../platform/flk/issue';
import {
  bedProfileIssues,
  codeIssues,
  codeNeeds,
  departmentIssues,
  departmentNeeds,
  futureIssues,
  orderIssues,
  patientChecks,
  patientNeeds,
} from './common-checks';
import { type KindRules, personsOf } from './kind-rules';
import type { HospFacts, ReferralByNumber, StoredStay } from './package-facts';
import type { AdmissionRecord } from './records';

export interface AdmissionFacts {
  personId: string;
  smoCode: string | null;
  referral: ReferralByNumber | null;
  existing: StoredStay | null;
}

const plannedForm = 3;

/**
 * T2/T3: a planned admission by referral or an emergency one. A planned admission whose referral has not
 * arrived yet is accepted and waits (warning HOSP.REF.PENDING); the referral matches it when it comes.
 */
export const admissionRules: KindRules<AdmissionRecord, AdmissionFacts> = {
  keys: (a) => [`source:${a.sourceId}`, ...(a.referralNumber ? [`referral:${a.referralNumber}`] : [])],

  needs(needs, _sender, a, rules) {
    codeNeeds(needs, a);
    needs.bedProfiles.add(a.bedProfile);
    departmentNeeds(needs, a.moCode, a.departmentCode);
    if (a.kind === 'planned' && a.referralNumber) needs.referralNumbers.add(a.referralNumber);
    needs.ownStaysBySource.add(a.sourceId);
    patientNeeds(needs, a.patient, a.date, rules);
  },

  check(f, sender, a) {
    const issues: FlkIssue[] = [];
    if (a.moCode !== sender.orgCode) issues.push(...fire(f.rules, 'HOSP.SENDER', a.moCode, 'moCode'));
    issues.push(...codeIssues(f, a.date, a));
    if (a.kind === 'emergency' && a.form === plannedForm) {
      issues.push(...fire(f.rules, 'HOSP.FORM.EMERGENCY', String(a.form), 'form'));
    }
    issues.push(...bedProfileIssues(f, a.bedProfile, a.profile));
    issues.push(
      ...departmentIssues(f, a.moCode, a.departmentCode, a.bedProfile, {
        mo: 'moCode',
        department: 'departmentCode',
      }).issues,
    );
    issues.push(...futureIssues(f, a.date, 'date'));
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
        referral = f.referralByNumber(a.referralNumber);
        issues.push(...referralIssues(f, a, referral, sender.orgCode));
      }
    }
    const existing = f.ownStayBySource(a.sourceId);
    if (
      referral &&
      ['admitted', 'discharged'].includes(referral.status) &&
      existing?.referralId !== referral.id
    ) {
      issues.push(...fire(f.rules, 'HOSP.REF.STATE', referral.status, 'referralNumber'));
    }
    const patient = patientChecks(f, a, existing?.personId);
    issues.push(...patient.issues);
    const { personId, smoCode } = patient;
    return {
      issues,
      facts: { personId, smoCode, referral, existing },
      persons: personsOf(
        personId,
        referral && referral.toMoCode === sender.orgCode ? referral.personId : null,
      ),
    };
  },
};

function referralIssues(
  f: HospFacts,
  a: AdmissionRecord,
  referral: ReferralByNumber | null,
  orgCode: string,
): FlkIssue[] {
  if (!referral) return fire(f.rules, 'HOSP.REF.PENDING', a.referralNumber, 'referralNumber');
  if (referral.toMoCode !== orgCode)
    return fire(f.rules, 'HOSP.REF.OTHER_MO', a.referralNumber, 'referralNumber');
  const issues: FlkIssue[] = [];
  if (referral.status === 'cancelled')
    issues.push(...fire(f.rules, 'HOSP.REF.STATE', referral.status, 'referralNumber'));
  if (a.referralDate && a.referralDate !== referral.referralDate) {
    issues.push(...fire(f.rules, 'HOSP.REF.DATE', a.referralDate, 'referralDate'));
  }
  issues.push(...orderIssues(f, referral.referralDate, a.date, 'date'));
  if (a.date > referral.validUntil && referral.status === 'issued') {
    issues.push(...fire(f.rules, 'HOSP.REF.EXPIRED', a.date, 'date'));
  }
  return issues;
}
