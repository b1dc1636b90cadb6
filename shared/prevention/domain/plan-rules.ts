import type { Resolution } from '../../person/domain/identity-input';
import { checkPatient } from '../../person/domain/patient-check';
import { type FlkIssue, type FlkRuleSet, fire } from '../../platform/flk/issue';
import { planAgeProblem } from './eligibility';
import { planIssues } from './record-checks';
import type { PlanEntryRecord } from './records';

/** What a package of plan entries is checked against, answered once for the package (db/plan-handler.ts). */
export interface PlanFacts {
  rules: FlkRuleSet;
  today: string;
  /** The sender's districts (участки). */
  districts: ReadonlySet<string>;
  /** The register's answer per entry, by its source id. */
  resolutions: ReadonlyMap<string, Resolution>;
  /** The resolved persons' birth dates and whether each was attached to the sender in the entry's year. */
  persons: ReadonlyMap<string, { birthDate: string; attachedIn: ReadonlySet<number> }>;
  /** Entries the sender already has, by `year/kind/personId` → their source id. */
  planned: ReadonlyMap<string, string>;
}

/** What an accepted entry's write needs. */
export interface PlanWrite {
  personId: string;
  smoCode: string | null;
}

export const plannedKey = (year: number, kind: string, personId: string) => `${year}/${kind}/${personId}`;

/**
 * A plan entry: the person named well enough and found in the register, insured and attached to the sender in the
 * plan year, of an age the examination is for, in a known district, in months that make sense, and not planned
 * already under another id.
 */
export function checkPlanEntry(
  f: PlanFacts,
  entry: PlanEntryRecord,
): { issues: FlkIssue[]; facts: PlanWrite | null; persons: string[] } {
  const issues = [...planIssues(f.rules, entry, f.today)];
  if (entry.districtCode !== undefined && !f.districts.has(entry.districtCode)) {
    issues.push(...fire(f.rules, 'PREV.DISTRICT', entry.districtCode, 'districtCode'));
  }
  const patient = checkPatient(f.rules, entry.patient, f.resolutions.get(entry.sourceId));
  issues.push(...patient.issues);
  if (!patient.person) return { issues, facts: null, persons: [] };
  const { personId, smoCode } = patient.person;
  const person = f.persons.get(personId);
  if (!person?.attachedIn.has(entry.year)) {
    issues.push(...fire(f.rules, 'PREV.PERSON.NOT_ATTACHED', undefined, 'patient'));
  } else {
    const age = planAgeProblem(entry.kind, person.birthDate, entry.year);
    if (age) issues.push(...fire(f.rules, age, `${entry.kind}/${person.birthDate.slice(0, 4)}`, 'kind'));
  }
  const earlier = f.planned.get(plannedKey(entry.year, entry.kind, personId));
  if (earlier !== undefined && earlier !== entry.sourceId) {
    issues.push(...fire(f.rules, 'PREV.PLAN.REPEATED', earlier, 'patient'));
  }
  return { issues, facts: { personId, smoCode }, persons: [personId] };
}
