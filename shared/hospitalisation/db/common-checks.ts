import { resolveIdentity } from '../../person/db/identity-resolution';
import {
  checkIdentityFields,
  hasIdentifiers,
  normaliseIdentity,
  type Resolution,
  resolutionIssues,
} from '../../person/domain/identity-input';
import { type FlkIssue, fire } from '../../platform/flk/issue';
import { isAfter } from '../domain/dates';
import type { PatientRef } from '../domain/records';
import {
  bedProfileFitsSex,
  diagnosisFitsSex,
  type Sex,
  sexAudience,
  sexTitles,
} from '../domain/sex-specific';
import type { Lookups } from './lookups';

/** Directory codes of a record, each checked against the version valid on the record's date. */
export async function codeIssues(
  ctx: Lookups,
  date: string,
  codes: { form?: number; conditions?: number; profile?: number; bedProfile?: number; diagnosis?: string },
): Promise<FlkIssue[]> {
  const checks: [string, string, string | number | undefined, string][] = [
    ['HOSP.NSI.V014', 'V014', codes.form, 'form'],
    ['HOSP.NSI.V006', 'V006', codes.conditions, 'conditions'],
    ['HOSP.NSI.V002', 'V002', codes.profile, 'profile'],
    ['HOSP.NSI.V020', 'V020', codes.bedProfile, 'bedProfile'],
    ['HOSP.NSI.MKB', 'MKB10', codes.diagnosis, 'diagnosis'],
  ];
  const issues: FlkIssue[] = [];
  for (const [rule, directory, code, field] of checks) {
    if (code === undefined) continue;
    if (!(await ctx.nsiValid(directory, code, date)))
      issues.push(...fire(ctx.rules, rule, String(code), field));
  }
  return issues;
}

/** The bed profile must belong to the profile of care (where a rule for that bed profile exists). */
export async function bedProfileIssues(
  ctx: Lookups,
  bedProfile: number,
  profile: number,
): Promise<FlkIssue[]> {
  const profiles = await ctx.profilesOfBedProfile(bedProfile);
  return profiles.size > 0 && !profiles.has(profile)
    ? fire(ctx.rules, 'HOSP.BED_PROFILE', `${bedProfile}/${profile}`, 'bedProfile')
    : [];
}

/**
 * A diagnosis or bed profile meant for one sex only must fit the patient's sex in the register (ICD-10 ranges
 * and V020 profiles of migration 012). Unknown sex, or a code for both sexes: nothing to say.
 */
export async function sexIssues(
  ctx: Lookups,
  sex: Sex | null | undefined,
  codes: { diagnosis?: string; bedProfile?: number },
): Promise<FlkIssue[]> {
  if (!sex) return [];
  const rules = await ctx.sexRules();
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
  if (codes.diagnosis !== undefined && !diagnosisFitsSex(codes.diagnosis, sex, rules)) {
    issues.push(
      ...explain(fire(ctx.rules, 'HOSP.SEX.DIAGNOSIS', codes.diagnosis, 'diagnosis'), codes.diagnosis),
    );
  }
  if (codes.bedProfile !== undefined && !bedProfileFitsSex(codes.bedProfile, sex, rules)) {
    const value = String(codes.bedProfile);
    issues.push(...explain(fire(ctx.rules, 'HOSP.SEX.BED_PROFILE', value, 'bedProfile'), value));
  }
  return issues;
}

/** The patient's sex from identity resolution (null when not resolved to one person). */
export function resolvedSex(resolution: Resolution | null): Sex | null {
  return resolution && 'sex' in resolution ? (resolution.sex ?? null) : null;
}

/**
 * The hospital and its department must exist (and the department be open), and the department must have beds
 * of the bed profile. Answers the beds of that profile (null when the department is unknown).
 */
export async function departmentIssues(
  ctx: Lookups,
  moCode: string,
  departmentCode: string | undefined,
  bedProfile: number,
  fields: { mo: string; department: string },
): Promise<{ issues: FlkIssue[]; beds: number | null }> {
  if ((await ctx.organisationKind(moCode)) !== 'MO') {
    return { issues: fire(ctx.rules, 'HOSP.MO.UNKNOWN', moCode, fields.mo), beds: null };
  }
  if (!departmentCode) return { issues: [], beds: null };
  const department = await ctx.department(moCode, departmentCode);
  if (!department || department.closed) {
    return { issues: fire(ctx.rules, 'HOSP.DEPT.UNKNOWN', departmentCode, fields.department), beds: null };
  }
  const beds = department.beds.get(bedProfile);
  if (beds === undefined)
    return { issues: fire(ctx.rules, 'HOSP.DEPT.BEDS', String(bedProfile), 'bedProfile'), beds: null };
  return { issues: [], beds };
}

/** A date must not lie after today. */
export function futureIssues(ctx: Lookups, date: string, field: string): FlkIssue[] {
  return isAfter(date, ctx.today) ? fire(ctx.rules, 'HOSP.DATE.FUTURE', date, field) : [];
}

/** Dates that must not go backwards: `later` before `earlier` is an error. */
export function orderIssues(ctx: Lookups, earlier: string, later: string, field: string): FlkIssue[] {
  return isAfter(earlier, later) ? fire(ctx.rules, 'HOSP.DATE.ORDER', later, field) : [];
}

/**
 * The patient resolved against the regional ЕРЗ on the record's date (ЕНП → СНИЛС → ФИО + birth date +
 * document): identifier FLK, then the outcome's issues (not found, not insured on the date, ambiguous…).
 */
export async function resolvePatient(
  ctx: Lookups,
  patient: PatientRef,
  onDate: string,
): Promise<{ issues: FlkIssue[]; resolution: Resolution | null }> {
  const input = normaliseIdentity({ ...patient, onDate });
  const issues = checkIdentityFields(input, ctx.rules);
  if (issues.some((i) => i.severity === 'error')) return { issues, resolution: null };
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
      resolution: null,
    };
  }
  const resolution = await resolveIdentity(ctx.tx, input, { requireDocument: true });
  return { issues: [...issues, ...resolutionIssues(resolution, ctx.rules)], resolution };
}

/**
 * The same sender + source id again must name the same person: a record is never silently re-pointed to
 * another person (and another СМО) by re-sending its id.
 */
export function samePersonIssues(
  ctx: Lookups,
  storedPersonId: string | null | undefined,
  personId: string,
  sourceId: string,
): FlkIssue[] {
  if (!storedPersonId || !personId || storedPersonId === personId) return [];
  return fire(ctx.rules, 'HOSP.SOURCE.PERSON', sourceId, 'sourceId');
}

/**
 * The patient of a referral or admission: identified in the register on the record's date, the diagnosis and
 * bed profile fit their sex, and a re-sent record (same sender + source id, `storedPersonId`) names the same
 * person. Answers the issues, the person and their СМО on the date.
 */
export async function patientChecks(
  ctx: Lookups,
  record: {
    patient: Parameters<typeof resolvePatient>[1];
    date: string;
    sourceId: string;
    diagnosis?: string | undefined;
    bedProfile?: number | undefined;
  },
  storedPersonId: string | null | undefined,
): Promise<{ issues: FlkIssue[]; personId: string; smoCode: string | null }> {
  const patient = await resolvePatient(ctx, record.patient, record.date);
  const resolution = patient.resolution;
  const personId = resolution && 'personId' in resolution ? resolution.personId : '';
  const issues = [
    ...patient.issues,
    ...(await sexIssues(ctx, resolvedSex(resolution), {
      diagnosis: record.diagnosis,
      bedProfile: record.bedProfile,
    })),
    ...samePersonIssues(ctx, storedPersonId, personId, record.sourceId),
  ];
  const smoCode = resolution?.outcome === 'identified' ? resolution.policy.smoCode : null;
  return { issues, personId, smoCode };
}
