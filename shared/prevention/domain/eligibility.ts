import type { PreventionKind } from './exam-steps';

/**
 * Who is due for which examination in a plan year (order 404н as D§2.4 summarises it): ages are the ages persons
 * reach in that year. Pure: the draft list of an МО applies it to its attached persons; the plan-list FLK checks a
 * sent entry against it (PREV.AGE.DVN, PREV.AGE.PMO).
 */

/** The age a person born on `birthDate` (ISO) reaches in `year`. */
export function ageInYear(birthDate: string, year: number): number {
  return year - Number(birthDate.slice(0, 4));
}

/** ДВН: every third year from 18 to 39 (18, 21 … 39), yearly from 40. */
export function dispensarisationYear(age: number): boolean {
  if (age < 18) return false;
  return age >= 40 || (age - 18) % 3 === 0;
}

/** ПМО: yearly from 18, in the years without ДВН. */
export function examinationYear(age: number): boolean {
  return age >= 18 && !dispensarisationYear(age);
}

/** What the draft list knows of a person. */
export interface PersonForPlan {
  birthDate: string;
  /** Kinds the person already finished in the plan year (a step of a finished stage, or a paid D-file case). */
  finished: ReadonlySet<PreventionKind>;
  /** An open dispensary observation (ДН) record in the plan year. */
  dispensary: boolean;
}

/**
 * The kinds that put a person on an МО's draft list for `year`. УДВН has no age rule (the МО adds the persons
 * who had COVID-19 itself), so it is never drafted.
 */
export function draftKinds(person: PersonForPlan, year: number): PreventionKind[] {
  const age = ageInYear(person.birthDate, year);
  const kinds: PreventionKind[] = [];
  if (dispensarisationYear(age) && !person.finished.has('DVN')) kinds.push('DVN');
  if (examinationYear(age) && !person.finished.has('PMO')) kinds.push('PMO');
  if (person.dispensary) kinds.push('DN');
  return kinds;
}

/** The FLK rule a plan entry of `kind` for a person born on `birthDate` breaks in `year`, or null. */
export function planAgeProblem(
  kind: PreventionKind,
  birthDate: string,
  year: number,
): 'PREV.AGE.DVN' | 'PREV.AGE.PMO' | null {
  const age = ageInYear(birthDate, year);
  if (kind === 'DVN' && !dispensarisationYear(age)) return 'PREV.AGE.DVN';
  if (kind === 'PMO' && !examinationYear(age)) return 'PREV.AGE.PMO';
  return null;
}
