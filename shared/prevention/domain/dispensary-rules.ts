import type { Resolution } from '../../person/domain/identity-input';
import { checkPatient } from '../../person/domain/patient-check';
import { checkSnils } from '../../person/domain/snils';
import { type FlkIssue, type FlkRuleSet, fire } from '../../platform/flk/issue';
import { type CodeVersions, codeValidOn } from './nsi-codes';
import { dispensaryIssues, polyclinicCaseIssues } from './record-checks';
import type { DispensaryRecord, PolyclinicCaseRecord } from './records';

/** What a package of ДН records or polyclinic cases is checked against, answered once for the package. */
export interface ObservationFacts {
  rules: FlkRuleSet;
  today: string;
  /** The register's answer per record, by its source id. */
  resolutions: ReadonlyMap<string, Resolution>;
  /** MKB10, V021 and V025 versions of the codes the package names. */
  codes: CodeVersions;
}

/** What an accepted record's write needs. */
export interface ObservationWrite {
  personId: string;
  smoCode: string | null;
  /** Where a polyclinic case came from: the МО directly (default) or a registry H-file case. */
  source?: 'direct' | 'registry';
}

/** The directory codes a ДН record names, for the package's look-up. */
export const dispensaryCodes = (dn: DispensaryRecord): [string, string][] => [
  ['MKB10', dn.diagnosis],
  ['V021', String(dn.specialty)],
];

export const polyclinicCaseCodes = (c: PolyclinicCaseRecord): [string, string][] => [
  ['MKB10', c.diagnosis],
  ['V021', String(c.specialty)],
  ['V025', c.purpose],
];

function doctorIssues(rules: FlkRuleSet, snils: string | undefined): FlkIssue[] {
  return snils !== undefined && checkSnils(snils) !== null
    ? fire(rules, 'PREV.DOCTOR.SNILS', snils, 'doctorSnils')
    : [];
}

function withPatient(
  f: ObservationFacts,
  record: DispensaryRecord | PolyclinicCaseRecord,
  issues: FlkIssue[],
): { issues: FlkIssue[]; facts: ObservationWrite | null; persons: string[] } {
  const patient = checkPatient(f.rules, record.patient, f.resolutions.get(record.sourceId));
  issues.push(...patient.issues);
  if (!patient.person) return { issues, facts: null, persons: [] };
  return { issues, facts: patient.person, persons: [patient.person.personId] };
}

/**
 * A ДН record (DN_LIST with its DN_PLAN windows): dates in order and not ahead of today, a reason for an end,
 * visit windows within the observation, a diagnosis of МКБ-10 on the day observation began, a V021 specialty, a
 * well-formed doctor's СНИЛС, and a person the register knows.
 */
export function checkDispensary(f: ObservationFacts, dn: DispensaryRecord) {
  const issues = dispensaryIssues(f.rules, dn, f.today);
  if (!codeValidOn(f.codes, 'MKB10', dn.diagnosis, dn.diagnosisDate ?? dn.dateIn)) {
    issues.push(...fire(f.rules, 'PREV.DN.DIAGNOSIS', dn.diagnosis, 'diagnosis'));
  }
  if (!codeValidOn(f.codes, 'V021', String(dn.specialty), dn.dateIn)) {
    issues.push(...fire(f.rules, 'PREV.DN.SPECIALTY', String(dn.specialty), 'specialty'));
  }
  issues.push(...doctorIssues(f.rules, dn.doctorSnils));
  return withPatient(f, dn, issues);
}

/**
 * A polyclinic service case: its dates in order and not in the future, purpose (V025), diagnosis (МКБ-10) and
 * specialty (V021) valid on its last day, a well-formed doctor's СНИЛС, and a person the register knows.
 */
export function checkPolyclinicCase(f: ObservationFacts, c: PolyclinicCaseRecord) {
  const issues = polyclinicCaseIssues(f.rules, c, f.today);
  if (!codeValidOn(f.codes, 'V025', c.purpose, c.dateTo)) {
    issues.push(...fire(f.rules, 'PREV.CASE.PURPOSE', c.purpose, 'purpose'));
  }
  if (!codeValidOn(f.codes, 'MKB10', c.diagnosis, c.dateTo)) {
    issues.push(...fire(f.rules, 'PREV.CASE.DIAGNOSIS', c.diagnosis, 'diagnosis'));
  }
  if (!codeValidOn(f.codes, 'V021', String(c.specialty), c.dateTo)) {
    issues.push(...fire(f.rules, 'PREV.CASE.SPECIALTY', String(c.specialty), 'specialty'));
  }
  issues.push(...doctorIssues(f.rules, c.doctorSnils));
  return withPatient(f, c, issues);
}
