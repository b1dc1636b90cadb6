import type { Resolution } from '../../person/domain/identity-input';
import { checkPatient } from '../../person/domain/patient-check';
import { type FlkIssue, type FlkRuleSet, fire } from '../../platform/flk/issue';
import { type ExamStepCode, examSteps, isExamStepCode, stepMayFollow } from './exam-steps';
import { plannedKey } from './plan-rules';
import { stepIssues } from './record-checks';
import type { StepRecord } from './records';

/** What a package of steps is checked against, answered once for the package (db/step-handler.ts). */
export interface StepFacts {
  rules: FlkRuleSet;
  today: string;
  /** The register's answer per step, by its source id (policy on the step's date). */
  resolutions: ReadonlyMap<string, Resolution>;
  /** The sender's plan entries of the steps' persons, by `year/kind/personId`: their furthest step. */
  planned: ReadonlyMap<string, { furthestStep: ExamStepCode | null }>;
}

/** What an accepted step's write needs. */
export interface StepWrite {
  personId: string;
  smoCode: string | null;
  year: number;
  /** The step's rank (`examSteps`): the plan entry's furthest step moves only forward. */
  rank: number;
  /** Where the step came from: the МО directly (default) or a registry D-file case. */
  source?: 'direct' | 'registry';
}

/**
 * A step: a code of its kind, not in the future, of a person the register knows, and one that may follow the
 * furthest step the МО reported for the person this year (PREV.STEP.ORDER). A person not on the МО's plan is
 * a warning: the step is kept.
 */
export function checkStep(
  f: StepFacts,
  step: StepRecord,
): { issues: FlkIssue[]; facts: StepWrite | null; persons: string[] } {
  const issues = stepIssues(f.rules, step, f.today);
  const patient = checkPatient(f.rules, step.patient, f.resolutions.get(step.sourceId));
  issues.push(...patient.issues);
  if (!patient.person) return { issues, facts: null, persons: [] };
  const { personId, smoCode } = patient.person;
  const year = Number(step.date.slice(0, 4));
  const plan = f.planned.get(plannedKey(year, step.kind, personId));
  if (!plan) issues.push(...fire(f.rules, 'PREV.STEP.NOT_PLANNED', undefined, 'patient'));
  const code = isExamStepCode(step.step) ? (step.step as ExamStepCode) : null;
  if (code !== null && plan && !stepMayFollow(plan.furthestStep, code)) {
    issues.push(...fire(f.rules, 'PREV.STEP.ORDER', `${plan.furthestStep ?? ''} → ${code}`, 'step'));
  }
  return {
    issues,
    facts: {
      personId,
      smoCode,
      year,
      rank: code === null ? 0 : examSteps[code].rank,
    },
    persons: [personId],
  };
}
