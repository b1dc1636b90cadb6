import { type FlkIssue, type FlkRuleSet, fire } from '../../platform/flk/issue';
import { type ExamStepCode, isExamStepCode, stepFitsKind } from './exam-steps';
import type {
  DispensaryRecord,
  PlanEntryRecord,
  PolyclinicCaseRecord,
  ScheduleSlotRecord,
  StepRecord,
} from './records';

/**
 * The prevention FLK rules that need nothing but the record and today's date (docs/design/prevention-exchange.md):
 * times and dates in order, what a method or an end requires, codes that fit the kind. The rules that need the
 * register, НСИ or the МО's districts run over the package's facts. Pure.
 */

/** The earliest and latest hours of a schedule slot. */
const dayStarts = '06:00';
const dayEnds = '23:00';

export function slotIssues(rules: FlkRuleSet, slot: ScheduleSlotRecord, today: string): FlkIssue[] {
  const issues: FlkIssue[] = [];
  if (slot.timeFrom >= slot.timeTo || slot.timeFrom < dayStarts || slot.timeTo > dayEnds) {
    issues.push(...fire(rules, 'PREV.SLOT.TIME', `${slot.timeFrom}–${slot.timeTo}`, 'timeFrom'));
  }
  if ((slot.method === 2 || slot.method === 3) && !slot.address) {
    issues.push(...fire(rules, 'PREV.SLOT.ADDRESS', String(slot.method), 'address'));
  }
  if (!slot.cancelled && slot.date < today) issues.push(...fire(rules, 'PREV.SLOT.PAST', slot.date, 'date'));
  return issues;
}

/** The plan year: last year, this year or next (`today` decides). */
export function planIssues(rules: FlkRuleSet, entry: PlanEntryRecord, today: string): FlkIssue[] {
  const issues: FlkIssue[] = [];
  const thisYear = Number(today.slice(0, 4));
  if (entry.year < thisYear - 1 || entry.year > thisYear + 1) {
    issues.push(...fire(rules, 'PREV.YEAR', String(entry.year), 'year'));
  }
  const repeated = new Set(entry.months).size !== entry.months.length;
  if (repeated || (entry.quarter !== undefined && entry.months.length > 0)) {
    issues.push(...fire(rules, 'PREV.MONTH', entry.months.join(','), 'months'));
  }
  return issues;
}

export function stepIssues(rules: FlkRuleSet, step: StepRecord, today: string): FlkIssue[] {
  const issues: FlkIssue[] = [];
  if (!isExamStepCode(step.step) || !stepFitsKind(step.step as ExamStepCode, step.kind)) {
    issues.push(...fire(rules, 'PREV.STEP.CODE', `${step.kind}/${step.step}`, 'step'));
  }
  if (step.date > today) issues.push(...fire(rules, 'PREV.STEP.FUTURE', step.date, 'date'));
  return issues;
}

export function dispensaryIssues(rules: FlkRuleSet, dn: DispensaryRecord, today: string): FlkIssue[] {
  const issues: FlkIssue[] = [];
  if (dn.dateIn > today || (dn.dateOut !== undefined && dn.dateOut < dn.dateIn)) {
    issues.push(...fire(rules, 'PREV.DN.DATES', `${dn.dateIn}–${dn.dateOut ?? ''}`, 'dateOut'));
  }
  if (dn.dateOut !== undefined && dn.reasonOut === undefined) {
    issues.push(...fire(rules, 'PREV.DN.REASON_OUT', dn.dateOut, 'reasonOut'));
  }
  const end = dn.dateOut ?? '9999-12-31';
  for (const [i, window] of dn.visits.entries()) {
    if (window.to < window.from || window.from < dn.dateIn || window.from > end) {
      issues.push(...fire(rules, 'PREV.DN.VISITS', `${window.from}–${window.to}`, `visits[${i}]`));
    }
  }
  return issues;
}

export function polyclinicCaseIssues(rules: FlkRuleSet, c: PolyclinicCaseRecord, today: string): FlkIssue[] {
  return c.dateTo < c.dateFrom || c.dateTo > today
    ? fire(rules, 'PREV.CASE.DATES', `${c.dateFrom}–${c.dateTo}`, 'dateTo')
    : [];
}
