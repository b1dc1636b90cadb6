import { type FlkIssue, type FlkRuleSet, fire } from '../../platform/flk/issue';
import { slotIssues } from './record-checks';
import type { ContactRecord, ScheduleSlotRecord } from './records';

/**
 * What a package of schedule slots or contacts is checked against, answered once for the package: the FLK rules,
 * the database's today and the sender's departments.
 */
export interface ScheduleFacts {
  rules: FlkRuleSet;
  today: string;
  departments: ReadonlySet<string>;
}

/** A slot: the sender's own МО, a department it has, and the slot rules (hours, address, date). */
export function checkSlot(f: ScheduleFacts, senderCode: string, slot: ScheduleSlotRecord): FlkIssue[] {
  return [
    ...senderIssues(f.rules, senderCode, slot.moCode),
    ...(slot.departmentCode !== undefined && !f.departments.has(slot.departmentCode)
      ? fire(f.rules, 'PREV.DEPARTMENT', slot.departmentCode, 'departmentCode')
      : []),
    ...slotIssues(f.rules, slot, f.today),
  ];
}

export function checkContact(f: ScheduleFacts, senderCode: string, contact: ContactRecord): FlkIssue[] {
  return senderIssues(f.rules, senderCode, contact.moCode);
}

function senderIssues(rules: FlkRuleSet, senderCode: string, moCode: string): FlkIssue[] {
  return moCode === senderCode ? [] : fire(rules, 'PREV.SENDER', moCode, 'moCode');
}
