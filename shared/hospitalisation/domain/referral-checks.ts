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
  resolvedSex,
  resolvePatient,
  sexIssues,
} from './common-checks';
import { addDays, isAfter } from './dates';
import { type FieldRules, type KindRules, personsOf } from './kind-rules';
import type { HospFacts, Sender, StoredReferral } from './package-facts';
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

  needs(needs, sender, r, rules) {
    referralFieldRules.needs(needs, sender, r, rules);
    needs.referralNumbers.add(r.number);
    needs.ownReferrals.add(r.sourceId);
  },

  check(f, sender, r) {
    const issues = referralFieldIssues(f, sender, r);
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
    const validUntil = referralValidUntil(f, r.date);
    return {
      issues,
      facts: { personId, smoCode, existingId: existing?.id ?? null, unchanged, validUntil },
      persons: personsOf(personId),
    };
  },
};

/** The last day a referral issued on `date` may be used (DOMAIN §2.1.6: `referral_validity_days`, 30 by default). */
export function referralValidUntil(f: HospFacts, date: string): string {
  return addDays(date, f.setting('referral_validity_days'));
}

/**
 * The checks of a referral that need only its own fields and the package's look-ups (directories, the hospital,
 * the register), in the order they are reported. They run on a whole record and — with the fields that passed
 * the schema — on a record that failed it, so that one answer names every mistake of a form or a file record.
 * A field that is absent is not judged here (the schema has said so).
 */
export function referralFieldIssues(f: HospFacts, sender: Sender, r: Partial<ReferralRecord>): FlkIssue[] {
  const issues: FlkIssue[] = [];
  if (r.fromMoCode !== undefined && r.fromMoCode !== sender.orgCode)
    issues.push(...fire(f.rules, 'HOSP.SENDER', r.fromMoCode, 'fromMoCode'));
  if (r.date !== undefined) issues.push(...codeIssues(f, r.date, r));
  if (r.bedProfile !== undefined && r.profile !== undefined)
    issues.push(...bedProfileIssues(f, r.bedProfile, r.profile));
  if (r.toMoCode !== undefined && r.bedProfile !== undefined) {
    const target = departmentIssues(f, r.toMoCode, r.toDepartmentCode, r.bedProfile, {
      mo: 'toMoCode',
      department: 'toDepartmentCode',
    });
    issues.push(...target.issues);
  }
  if (r.date !== undefined) issues.push(...futureIssues(f, r.date, 'date'));
  if (r.date !== undefined && r.plannedDate !== undefined) {
    issues.push(...orderIssues(f, r.date, r.plannedDate, 'plannedDate'));
    issues.push(...plannedValidityIssues(f, r.date, r.plannedDate));
  }
  if (r.doctorSnils !== undefined && checkSnils(r.doctorSnils) !== null) {
    issues.push(...fire(f.rules, 'HOSP.DOCTOR.SNILS', r.doctorSnils, 'doctorSnils'));
  }
  if (r.kind === 'vmp' && !r.vmp) issues.push(...fire(f.rules, 'HOSP.VMP.TALON', undefined, 'vmp'));
  return issues;
}

/** A planned date after the referral's validity ends: the referral would expire before the patient is due. */
export function plannedValidityIssues(f: HospFacts, date: string, plannedDate: string): FlkIssue[] {
  const validUntil = referralValidUntil(f, date);
  return isAfter(plannedDate, validUntil)
    ? fire(f.rules, 'HOSP.REF.PLANNED_VALIDITY', plannedDate, 'plannedDate').map((i) => ({
        ...i,
        message: `${i.message} (${formatDay(validUntil)})`,
      }))
    : [];
}

const formatDay = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/**
 * The field checks of a referral that failed its schema (`referralFieldIssues`) and its patient's identifiers and
 * resolution, over the fields that passed it: what a sender would otherwise learn only on the next attempt.
 */
export const referralFieldRules: FieldRules<ReferralRecord> = {
  needs(needs, _sender, r, rules) {
    codeNeeds(needs, r);
    if (r.bedProfile !== undefined) needs.bedProfiles.add(r.bedProfile);
    if (r.toMoCode !== undefined) departmentNeeds(needs, r.toMoCode, r.toDepartmentCode);
    if (r.patient !== undefined && r.date !== undefined) patientNeeds(needs, r.patient, r.date, rules);
  },
  check(f, sender, r) {
    const issues = referralFieldIssues(f, sender, r);
    if (r.patient !== undefined && r.date !== undefined) {
      const patient = resolvePatient(f, r.patient, r.date);
      issues.push(...patient.issues);
      const sex = resolvedSex(patient.resolution);
      issues.push(...sexIssues(f, sex, { diagnosis: r.diagnosis, bedProfile: r.bedProfile }));
    }
    return issues;
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
