import {
  checkIdentityFields,
  hasIdentifiers,
  type IdentityInput,
  normaliseIdentity,
  type Resolution,
  resolutionIssues,
} from '../../person/domain/identity-input';
import { type FlkIssue, type FlkRuleSet, fire } from '../../platform/flk/issue';
import { isAfter } from './dates';
import type { FactNeeds, HospFacts } from './package-facts';
import type { PatientRef } from './records';
import { bedProfileFitsSex, diagnosisFitsSex, type Sex, sexAudience, sexTitles } from './sex-specific';

/**
 * The checks every kind shares, as pure functions of a record and the package's facts (`HospFacts`), each with
 * the look-ups it needs (`FactNeeds`), so a whole package is looked up at once.
 */

export interface Codes {
  form?: number | undefined;
  conditions?: number | undefined;
  profile?: number | undefined;
  bedProfile?: number | undefined;
  diagnosis?: string | undefined;
}

const codeChecks: [rule: string, directory: string, key: keyof Codes, field: string][] = [
  ['HOSP.NSI.V014', 'V014', 'form', 'form'],
  ['HOSP.NSI.V006', 'V006', 'conditions', 'conditions'],
  ['HOSP.NSI.V002', 'V002', 'profile', 'profile'],
  ['HOSP.NSI.V020', 'V020', 'bedProfile', 'bedProfile'],
  ['HOSP.NSI.MKB', 'MKB10', 'diagnosis', 'diagnosis'],
];

export function codeNeeds(needs: FactNeeds, codes: Codes): void {
  for (const [, directory, key] of codeChecks) needs.code(directory, codes[key]);
}

/** Directory codes of a record, each checked against the version valid on the record's date. */
export function codeIssues(f: HospFacts, date: string, codes: Codes): FlkIssue[] {
  const issues: FlkIssue[] = [];
  for (const [rule, directory, key, field] of codeChecks) {
    const code = codes[key];
    if (code === undefined) continue;
    if (!f.nsiValid(directory, code, date)) issues.push(...fire(f.rules, rule, String(code), field));
  }
  return issues;
}

/** The bed profile must belong to the profile of care (where a rule for that bed profile exists). */
export function bedProfileIssues(f: HospFacts, bedProfile: number, profile: number): FlkIssue[] {
  const profiles = f.profilesOfBedProfile(bedProfile);
  return profiles.size > 0 && !profiles.has(profile)
    ? fire(f.rules, 'HOSP.BED_PROFILE', `${bedProfile}/${profile}`, 'bedProfile')
    : [];
}

/**
 * A diagnosis or bed profile meant for one sex only must fit the patient's sex in the register (ICD-10 ranges
 * and V020 profiles of migration 012). Unknown sex, or a code for both sexes: nothing to say.
 */
export function sexIssues(
  f: HospFacts,
  sex: Sex | null | undefined,
  codes: { diagnosis?: string | undefined; bedProfile?: number | undefined },
): FlkIssue[] {
  if (!sex) return [];
  const issues: FlkIssue[] = [];
  const other: Sex = sex === 1 ? 2 : 1;
  const explain = (found: FlkIssue[], value: string) =>
    found.map((i) => ({
      ...i,
      message: i.message
        .replaceAll('{value}', value)
        .replaceAll('{sex}', sexTitles[sex])
        .replaceAll('{allowed}', sexAudience[other]),
    }));
  if (codes.diagnosis !== undefined && !diagnosisFitsSex(codes.diagnosis, sex, f.sexRules)) {
    issues.push(
      ...explain(fire(f.rules, 'HOSP.SEX.DIAGNOSIS', codes.diagnosis, 'diagnosis'), codes.diagnosis),
    );
  }
  if (codes.bedProfile !== undefined && !bedProfileFitsSex(codes.bedProfile, sex, f.sexRules)) {
    const value = String(codes.bedProfile);
    issues.push(...explain(fire(f.rules, 'HOSP.SEX.BED_PROFILE', value, 'bedProfile'), value));
  }
  return issues;
}

/** The patient's sex from identity resolution (null when not resolved to one person). */
export function resolvedSex(resolution: Resolution | null): Sex | null {
  return resolution && 'sex' in resolution ? (resolution.sex ?? null) : null;
}

export function departmentNeeds(needs: FactNeeds, moCode: string, departmentCode: string | undefined): void {
  needs.organisations.add(moCode);
  needs.department(moCode, departmentCode);
}

/**
 * The hospital and its department must exist (and the department be open), and the department must have beds
 * of the bed profile. Answers the beds of that profile (null when the department is unknown).
 */
export function departmentIssues(
  f: HospFacts,
  moCode: string,
  departmentCode: string | undefined,
  bedProfile: number,
  fields: { mo: string; department: string },
): { issues: FlkIssue[]; beds: number | null } {
  if (f.organisationKind(moCode) !== 'MO') {
    return { issues: fire(f.rules, 'HOSP.MO.UNKNOWN', moCode, fields.mo), beds: null };
  }
  if (!departmentCode) return { issues: [], beds: null };
  const department = f.department(moCode, departmentCode);
  if (!department || department.closed) {
    return { issues: fire(f.rules, 'HOSP.DEPT.UNKNOWN', departmentCode, fields.department), beds: null };
  }
  const beds = department.beds.get(bedProfile);
  if (beds === undefined)
    return { issues: fire(f.rules, 'HOSP.DEPT.BEDS', String(bedProfile), 'bedProfile'), beds: null };
  return { issues: [], beds };
}

/** A date must not lie after today. */
export function futureIssues(f: HospFacts, date: string, field: string): FlkIssue[] {
  return isAfter(date, f.today) ? fire(f.rules, 'HOSP.DATE.FUTURE', date, field) : [];
}

/** Dates that must not go backwards: `later` before `earlier` is an error. */
export function orderIssues(f: HospFacts, earlier: string, later: string, field: string): FlkIssue[] {
  return isAfter(earlier, later) ? fire(f.rules, 'HOSP.DATE.ORDER', later, field) : [];
}

/**
 * What the patient's identifiers say before the register is asked: their own FLK (ЕНП check digit, СНИЛС
 * checksum) and whether there is enough to look the person up. `input` is what to resolve (null: nothing to ask,
 * the issues say why).
 */
export function patientIdentity(
  patient: PatientRef,
  onDate: string,
  rules: FlkRuleSet,
): { issues: FlkIssue[]; input: IdentityInput | null } {
  const known = identities.get(patient);
  if (known && known.onDate === onDate && known.rules === rules) return known.answer;
  const answer = identify(patient, onDate, rules);
  identities.set(patient, { onDate, rules, answer });
  return answer;
}

/** A record's patient is identified once for its look-ups and once for its checks: the answer is kept. */
const identities = new WeakMap<
  PatientRef,
  { onDate: string; rules: FlkRuleSet; answer: ReturnType<typeof identify> }
>();

function identify(
  patient: PatientRef,
  onDate: string,
  rules: FlkRuleSet,
): { issues: FlkIssue[]; input: IdentityInput | null } {
  const input = normaliseIdentity({ ...patient, onDate });
  const issues = checkIdentityFields(input, rules);
  if (issues.some((i) => i.severity === 'error')) return { issues, input: null };
  if (!hasIdentifiers(input)) {
    return {
      issues: [
        {
          rule: 'FORMAT',
          code: '902',
          severity: 'error',
          field: 'patient.enp',
          message: 'Укажите ЕНП, СНИЛС или ФИО, дату рождения и документ пациента',
        },
      ],
      input: null,
    };
  }
  return { issues, input };
}

export function patientNeeds(needs: FactNeeds, patient: PatientRef, onDate: string, rules: FlkRuleSet): void {
  needs.identity(patientIdentity(patient, onDate, rules).input);
}

/**
 * The patient resolved against the regional ЕРЗ on the record's date (ЕНП → СНИЛС → ФИО + birth date +
 * document): identifier FLK, then the outcome's issues (not found, not insured on the date, ambiguous…).
 */
export function resolvePatient(
  f: HospFacts,
  patient: PatientRef,
  onDate: string,
): { issues: FlkIssue[]; resolution: Resolution | null } {
  const { issues, input } = patientIdentity(patient, onDate, f.rules);
  if (!input) return { issues, resolution: null };
  const resolution = f.resolution(input);
  return { issues: [...issues, ...resolutionIssues(resolution, f.rules)], resolution };
}

/**
 * The same sender + source id again must name the same person: a record is never silently re-pointed to
 * another person (and another СМО) by re-sending its id.
 */
export function samePersonIssues(
  f: HospFacts,
  storedPersonId: string | null | undefined,
  personId: string,
  sourceId: string,
): FlkIssue[] {
  if (!storedPersonId || !personId || storedPersonId === personId) return [];
  return fire(f.rules, 'HOSP.SOURCE.PERSON', sourceId, 'sourceId');
}

/**
 * The patient of a referral or admission: identified in the register on the record's date, the diagnosis and
 * bed profile fit their sex, and a re-sent record (same sender + source id, `storedPersonId`) names the same
 * person. Answers the issues, the person and their СМО on the date.
 */
export function patientChecks(
  f: HospFacts,
  record: {
    patient: PatientRef;
    date: string;
    sourceId: string;
    diagnosis?: string | undefined;
    bedProfile?: number | undefined;
  },
  storedPersonId: string | null | undefined,
): { issues: FlkIssue[]; personId: string; smoCode: string | null } {
  const patient = resolvePatient(f, record.patient, record.date);
  const resolution = patient.resolution;
  const personId = resolution && 'personId' in resolution ? resolution.personId : '';
  const issues = [
    ...patient.issues,
    ...sexIssues(f, resolvedSex(resolution), { diagnosis: record.diagnosis, bedProfile: record.bedProfile }),
    ...samePersonIssues(f, storedPersonId, personId, record.sourceId),
  ];
  const smoCode = resolution?.outcome === 'identified' ? resolution.policy.smoCode : null;
  return { issues, personId, smoCode };
}
