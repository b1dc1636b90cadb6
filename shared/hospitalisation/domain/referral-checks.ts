import { checkSnils } from '../../person/domain/snils';
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
import { addDays } from './dates';
import { type KindRules, personsOf } from './kind-rules';
import type { StoredReferral } from './package-facts';
import type { ReferralRecord } from './records';
import { sameJson } from './same-json';

export interface ReferralFacts {
  personId: string;
  smoCode: string | null;
  existingId: string | null;
  /** The same record again for a referral that has moved on (admitted, cancelled…): accepted, nothing changes. */
  unchanged: boolean;
  validUntil: string;
}

/** T1: a referral for planned hospitalisation (incl. ВМП with its талон). */
export const referralRules: KindRules<ReferralRecord, ReferralFacts> = {
  keys: (r) => [`source:${r.sourceId}`, `referral:${r.number}`],

  needs(needs, _sender, r, rules) {
    codeNeeds(needs, r);
    needs.bedProfiles.add(r.bedProfile);
    departmentNeeds(needs, r.toMoCode, r.toDepartmentCode);
    needs.referralNumbers.add(r.number);
    needs.ownReferrals.add(r.sourceId);
    patientNeeds(needs, r.patient, r.date, rules);
  },

  check(f, sender, r) {
    const issues: FlkIssue[] = [];
    if (r.fromMoCode !== sender.orgCode)
      issues.push(...fire(f.rules, 'HOSP.SENDER', r.fromMoCode, 'fromMoCode'));
    issues.push(...codeIssues(f, r.date, r));
    issues.push(...bedProfileIssues(f, r.bedProfile, r.profile));
    const target = departmentIssues(f, r.toMoCode, r.toDepartmentCode, r.bedProfile, {
      mo: 'toMoCode',
      department: 'toDepartmentCode',
    });
    issues.push(...target.issues);
    issues.push(...futureIssues(f, r.date, 'date'));
    issues.push(...orderIssues(f, r.date, r.plannedDate, 'plannedDate'));
    if (checkSnils(r.doctorSnils) !== null) {
      issues.push(...fire(f.rules, 'HOSP.DOCTOR.SNILS', r.doctorSnils, 'doctorSnils'));
    }
    if (r.kind === 'vmp' && !r.vmp) issues.push(...fire(f.rules, 'HOSP.VMP.TALON', undefined, 'vmp'));
    const owner = f.referralByNumber(r.number);
    const existing =
      owner && owner.senderCode === sender.orgCode && owner.sourceId === r.sourceId ? owner : null;
    if (owner && !existing) issues.push(...fire(f.rules, 'HOSP.REF.DUPLICATE', r.number, 'number'));
    const stored = f.ownReferral(r.sourceId);
    const patient = patientChecks(f, r, stored?.personId);
    issues.push(...patient.issues);
    const { personId, smoCode } = patient;
    let unchanged = false;
    if (existing && existing.status !== 'issued') {
      unchanged = personId !== '' && stored !== null && sameReferral(stored, r, personId);
      if (!unchanged) issues.push(...fire(f.rules, 'HOSP.REF.STATE', existing.status, 'number'));
    }
    const validUntil = addDays(r.date, f.setting('referral_validity_days'));
    return {
      issues,
      facts: { personId, smoCode, existingId: existing?.id ?? null, unchanged, validUntil },
      persons: personsOf(personId),
    };
  },
};

/** Does the stored referral say exactly what this record says? */
export function sameReferral(stored: StoredReferral, r: ReferralRecord, personId: string): boolean {
  return (
    stored.number === r.number &&
    stored.date === r.date &&
    stored.form === r.form &&
    stored.fromDepartmentCode === (r.fromDepartmentCode ?? null) &&
    stored.toMoCode === r.toMoCode &&
    stored.toDepartmentCode === (r.toDepartmentCode ?? null) &&
    stored.conditions === r.conditions &&
    stored.profile === r.profile &&
    stored.bedProfile === r.bedProfile &&
    stored.diagnosis === r.diagnosis &&
    stored.doctorSnils === r.doctorSnils &&
    stored.plannedDate === r.plannedDate &&
    stored.kind === r.kind &&
    sameJson(stored.vmp, r.vmp ?? null) &&
    stored.personId === personId
  );
}
